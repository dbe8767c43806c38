// @backstage/backend-defaults@0.19.0 runs its migrations with knex.migrate.latest({ directory: 'migrations/scheduler', tableName: 'backstage_backend_tasks__knex_migrations' }) on client 'pg'
module.exports = {
  client: 'pg',
  migrations: { directory: './migrations', tableName: 'backstage_backend_tasks__knex_migrations' },
};
