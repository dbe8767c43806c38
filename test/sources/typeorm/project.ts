// A small TypeORM project for the tests of the TypeORM source (from.typeorm): a package.json that
// depends on typeorm (makeProject links it from this repository), legacy decorators, one entity.

/** package.json of a TypeORM project (ESM). */
export const TYPEORM_PACKAGE = JSON.stringify(
  { name: 'app', version: '1.0.0', private: true, type: 'module', dependencies: { typeorm: '^1.1.0', 'reflect-metadata': '^0.2.0', pg: '^8.0.0' } },
  null,
  2,
);

/** tsconfig.json as TypeORM projects have it. */
export const TYPEORM_TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, allowImportingTsExtensions: true, noEmit: true } }, null, 2);

/** A data source module exporting AppDataSource with the given entities (imported from ./entity/<Name>.ts). */
export function dataSource(entities: string[], extra = ''): string {
  return `import 'reflect-metadata';
import { DataSource } from 'typeorm';
${entities.map((e) => `import { ${e} } from './entity/${e}.ts';`).join('\n')}

export const AppDataSource = new DataSource({
  type: 'postgres',
  entities: [${entities.join(', ')}],${extra}
});
`;
}

/** The entity User (table users: id serial, email varchar NOT NULL), with more members when given. */
export function userEntity(members = ''): string {
  return `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  email!: string;
${members}}
`;
}

/** The Knex migration that creates what userEntity() declares. */
export const USERS_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.specificType('email', 'varchar').notNullable();
  });
}
export async function down(knex: Knex) {
  await knex.schema.dropTable('users');
}
`;

/** The files of a TypeORM project with User, its migration, a knexfile and a config with from.typeorm. */
export function typeormProject(config = "export default { from: { typeorm: 'src/data-source.ts' }, stages: { static: [], unit: false, integration: false } };\n"): Record<string, string> {
  return {
    'package.json': TYPEORM_PACKAGE,
    'tsconfig.json': TYPEORM_TSCONFIG,
    '.gitignore': 'node_modules\n',
    'knexfile.ts': "export default { client: 'pg', migrations: { directory: './migrations', extension: 'ts' } };\n",
    'pre-commit-check.config.ts': config,
    'src/data-source.ts': dataSource(['User']),
    'src/entity/User.ts': userEntity(),
    'migrations/20260101000000_users.ts': USERS_MIGRATION,
  };
}
