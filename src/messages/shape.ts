// What the comparison of shape-only sources (src/sources/shape/: Knex table types, Objection classes)
// says: messages, and hints whose model half is in the source's own terms (a row type's property, an
// Objection static), never defineModel's. The migration half is Knex code, as every other hint.
import type { ShapeColumn, ShapeTable } from '../sources/types.ts';

const q = (t: Pick<ShapeTable, 'schema' | 'table'>, column?: string): string => `${t.schema}.${t.table}${column !== undefined ? `.${column}` : ''}`;

/** How a shape table is named in messages: `User (Knex table type of 'users')`, `Objection model Pet`. */
export function shapeName(t: ShapeTable): string {
  return t.source === 'objection' ? `Objection model ${t.name}` : `Knex table type ${t.name}`;
}

/** The row type a hint tells to edit: the named row type (`User`), else the inline row of its Tables key (`Tables['meals']`). */
const rowTerm = (t: ShapeTable): string => t.rowType?.name ?? t.name;

/** Where an Objection model states a column, for hints. */
const objectionPlace = (t: ShapeTable, c: ShapeColumn): string => `${c.stated ?? 'the model'} of ${t.name} in ${t.file}`;

export const shapeMessages = {
  missingTable: (t: ShapeTable, createTable: string) => ({
    message: `Table ${q(t)} of ${shapeName(t)} is missing from the database`,
    hint:
      t.source === 'objection'
        ? `create it in a migration: ${createTable} (or, if the database is right, correct static tableName of ${t.name} in ${t.file})`
        : `create it in a migration: ${createTable}; or, if the database is right, remove ${t.table.includes('.') || t.schema !== 'public' ? `'${t.schema === 'public' ? t.table : q(t)}'` : t.table} from interface Tables`,
  }),
  missingColumn: (t: ShapeTable, c: ShapeColumn, addColumn: string) => ({
    message: `Column ${q(t, c.name)} of ${shapeName(t)} is missing from the database`,
    hint:
      t.source === 'objection'
        ? `add it in a migration: ${addColumn} (or, if the database is right, correct ${objectionPlace(t, c)})`
        : `add it in a migration: ${addColumn}; or, if the database is right, remove ${c.name} from ${rowTerm(t)}`,
  }),
  typeMismatch: (t: ShapeTable, c: ShapeColumn, actual: string, alter: string, property: string) => ({
    message: `Column ${q(t, c.name)} is ${actual} in the database, which node-pg reads as ${property.split(': ')[1]!.replace(/ \| null$/, '')}, but ${shapeName(t)} says ${c.name} is ${stated(c)}`,
    hint: `change it in a migration (alter() restates the whole column: nullability too): ${alter}; or, if the database is right, write ${property} in ${rowTerm(t)}`,
  }),
  nullabilityMismatch: (t: ShapeTable, c: ShapeColumn, migration: string, property: string) => ({
    message: c.nullable
      ? `Column ${q(t, c.name)} of ${shapeName(t)} may be null in the row type but is NOT NULL in the database`
      : `Column ${q(t, c.name)} of ${shapeName(t)} is never null in the row type but nullable in the database`,
    hint: c.nullable
      ? `allow NULL in a migration: ${migration}; or, if it must be set, write ${property} in ${rowTerm(t)}`
      : `make it NOT NULL in a migration: ${migration} (fill existing NULLs first); or, if NULL is allowed, write ${property} in ${rowTerm(t)}`,
  }),
  unmodeledColumn: (t: ShapeTable, column: string, required: boolean, property: string, dropColumn: string) => ({
    message: `Column ${q(t, column)} exists in the database but ${shapeName(t)} does not declare it${required ? '; it is NOT NULL with no default, so every insert that follows the row type fails' : ''}`,
    hint: `declare it in ${rowTerm(t)}: ${property}; or drop it in a migration: ${dropColumn}`,
  }),
};

/** A column's stated type as the source writes it: `string | null`. */
function stated(c: ShapeColumn): string {
  const spelled = c.type === 'date' ? 'Date' : c.type === 'json' ? 'an object' : c.type === 'array' ? 'an array' : c.type === 'buffer' ? 'Buffer' : (c.type ?? 'unknown');
  return `${spelled}${c.nullable ? ' | null' : ''}`;
}

/** from.knexTypes (src/sources/knex-types/): reading the declarations. */
export const knexTypesMessages = {
  noTypeScript: (file: string) => `${file} is one of from.knexTypes, but this project has no typescript package to read its types with`,
  noTypeScriptHint: 'install it in the project (npm install --save-dev typescript), or remove from.knexTypes from the pre-commit-check config',
  failed: (files: string, error: string) => `The Knex table types in ${files} could not be read: ${error}`,
  failedHint: 'run tsc --noEmit on those files and fix what it reports',
  noDeclaration: (files: string) => `No file of from.knexTypes (${files}) declares module 'knex/types/tables' with an interface Tables: no table of it is checked`,
  noDeclarationHint: "point from.knexTypes at the file with declare module 'knex/types/tables' { interface Tables { ... } } (and the files of its row types are read through its imports)",
  unresolved: (key: string, type: string) => `Tables['${key}'] is ${type}, a type TypeScript cannot resolve: its columns are not checked`,
  unresolvedHint: (type: string) => `import ${type.replace(/<.*$/, '')} in that file (or fix its name); tsc --noEmit says what is wrong`,
};

/** from.objection (src/sources/objection/): loading the model classes. */
export const objectionMessages = {
  loadFailed: (file: string, error: string) => `Objection model file ${file} failed to load: ${error}`,
  loadFailedHint: 'fix the error above (the file is imported as the application imports it); its models are not checked until it loads',
  noModel: (file: string) => `${file} is one of from.objection but exports no Objection model class (a class with static tableName)`,
  noModelHint: 'export the model class from that file, or leave the file out of from.objection',
  badRelations: (name: string, file: string, error: string) => `Objection model ${name} in ${file}: its relationMappings could not be read: ${error}`,
  badRelationsHint: "make relationMappings an object (or a function returning one) whose join.from / join.to are 'table.column' strings",
};
