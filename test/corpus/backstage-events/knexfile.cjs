// @backstage/plugin-events-backend@0.6.6 runs its migrations with knex.migrate.latest({ directory: 'migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations' },
};
