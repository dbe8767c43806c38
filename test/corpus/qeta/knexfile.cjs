// @drodil/backstage-plugin-qeta-backend@4.0.5 runs its migrations with knex.migrate.latest({ directory: 'migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations' },
};
