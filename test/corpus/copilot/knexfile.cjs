// @backstage-community/plugin-copilot-backend@1.1.0 runs its migrations with knex.migrate.latest({ directory: 'migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations' },
};
