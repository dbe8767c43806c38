// What the TypeORM source (from.typeorm, src/sources/typeorm/) says: load failures and hints in TypeORM's terms.

export const typeormMessages = {
  notInstalled: (file: string, root: string) => `from.typeorm names ${file}, but the package typeorm is not installed in ${root}`,
  notInstalledHint: 'install it in the project (npm install typeorm reflect-metadata pg), or remove from.typeorm from pre-commit-check.config.ts',
  loadFailed: (file: string, reason: string) => `TypeORM data source ${file} failed to load: ${reason}`,
  loadFailedHint:
    'fix the error in this file or the entities it imports (they must import and run with no build step; TypeORM needs "experimentalDecorators": true in tsconfig.json); until then its entities are not checked',
  exitCalled: (file: string, call: string) => `TypeORM data source ${file} called ${call} while loading, so its entities were not read`,
  exitCalledHint: 'remove the process.exit() call: the data source module is imported by the check, so it must only create the DataSource (do not initialize() it at import time)',
  timedOut: (file: string, seconds: number) => `TypeORM data source ${file} did not finish loading within ${seconds} s (migrationTimeout), so its entities were not read`,
  timedOutHint:
    'the data source module must only create the DataSource: do not call initialize() or open connections at import time; if it is only slow, raise migrationTimeout (seconds) in pre-commit-check.config.ts',
  noDataSource: (file: string) => `TypeORM data source ${file} exports no DataSource, so no entity is checked`,
  noDataSourceHint: "export it: export const AppDataSource = new DataSource({ type: 'postgres', entities: [...] }) (a default export works too)",
  metadataFailed: (file: string, reason: string) => `TypeORM could not build the metadata of the entities of ${file}: ${reason}`,
  metadataFailedHint: 'fix the entity TypeORM names (the same error would stop your application at start-up); until then no entity of this data source is checked',
  unknownType: (file: string, reason: string, props: string) =>
    `TypeORM could not build the metadata of the entities of ${file}: ${reason}. The type of ${props} cannot be known without the TypeScript compiler's type information (emitDecoratorMetadata)`,
  unknownTypeHint: (example: string) => `give the column type explicitly, e.g. ${example}`,
};

/** The entity halves of hints about TypeORM entities (src/sources/typeorm/hint.ts). */
export const typeormHintText = {
  columnOf: (where: string) => `the @Column of ${where}`,
  joinColumnOf: (where: string) => `the relation decorator of ${where}`,
  relationOf: (where: string) => `the options of relation ${where} (@ManyToOne / @OneToOne)`,
  entityOf: (className: string) => `the @Entity of ${className}`,
  write: (option: string, where: string) => `write ${option} in ${where}`,
  remove: (option: string, where: string) => `remove ${option} from ${where}`,
  removeFrom: (what: string, className: string) => `remove ${what} from entity ${className}`,
  addTo: (decorator: string, className: string) => `add ${decorator} to entity ${className}`,
  matchRelation: (where: string, actual: string) => `make ${where} say what the database has (${actual}): onDelete, onUpdate, deferrable`,
  primary: (className: string, actual: string) => `mark ${actual} with @PrimaryColumn (or @PrimaryGeneratedColumn) in entity ${className}`,
  declareColumn: (className: string, column: string, type: string) =>
    `declare it in entity ${className}: @Column({ name: '${column}'${type ? `, type: '${type}'` : ''}, nullable: true }) (without nullable: true if it is NOT NULL)`,
  joinTable: (where: string) => `make the @ManyToMany + @JoinTable of ${where} (its name, joinColumn and inverseJoinColumn) say what the database has`,
  declareRelation: (className: string, columns: string, constraint: string) =>
    `declare the relation in entity ${className}: @ManyToOne(...) with @JoinColumn on ${columns} (${constraint})`,
};
