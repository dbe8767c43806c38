// @backstage/plugin-search-backend-module-pg@0.5.61 runs its migrations with knex.migrate.latest({ directory: 'migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations' },
};
