// @backstage-community/plugin-rbac-backend@8.1.3 runs its migrations with knex.migrate.latest({ directory: 'migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations' },
};
