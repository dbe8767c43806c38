// A foreign key as migration code: Knex's table.foreign()...deferrable() where the builder can name
// everything, else ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY in raw SQL; with its inverse.
import type { ForeignKey } from '../schema/types.ts';
import { kjs, knexForeignCall } from '../diff/snippets.ts';
import { knexDefaultName, quoteIdent, quoteQualified, truncateIdentifier } from '../ddl/names.ts';
import { builderSafe, jsList, line, raw, type Change, type Code, type Where } from './code.ts';

/** A foreign key's columns, target, actions and deferrability. */
export type ForeignKeyShape = Pick<ForeignKey, 'columns' | 'refSchema' | 'refTable' | 'refColumns' | 'onDelete' | 'onUpdate'> & { deferrable?: ForeignKey['deferrable'] };

/** ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY, for a table the builder cannot name. */
export function addForeignKeySql(where: Where, fk: ForeignKeyShape, name: string): string {
  const cols = (c: readonly string[]) => c.map(quoteIdent).join(', ');
  let actions = `${fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : ''}${fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${fk.onUpdate}` : ''}`;
  if (fk.deferrable) actions += ` DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`;
  return `ALTER TABLE ${quoteQualified(where.schema, where.table)} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${quoteQualified(fk.refSchema, fk.refTable)} (${cols(fk.refColumns)})${actions}`;
}

const builderNames = (where: Where, fk: ForeignKeyShape, name: string | null): boolean =>
  [where.schema, where.table, fk.refSchema, fk.refTable, ...fk.columns, ...fk.refColumns, name ?? ''].every(builderSafe);

const dropForeignLine = (where: Where, columns: readonly string[], name: string | null): Code =>
  line(where.schema, where.table, `table.dropForeign(${jsList(columns)}${name ? `, ${kjs(name)}` : ''})`);

const dropConstraintSql = (where: Where, name: string): Code => raw(`ALTER TABLE ${quoteQualified(where.schema, where.table)} DROP CONSTRAINT ${quoteIdent(name)}`);

/** Use to add a foreign key, named `name` (null: Knex's default name); with its inverse. */
export function addForeignKey(where: Where, fk: ForeignKeyShape, name: string | null): Change {
  if (builderNames(where, fk, name)) return { up: [line(where.schema, where.table, knexForeignCall(fk, name))], down: [dropForeignLine(where, fk.columns, name)] };
  const rawName = name ?? truncateIdentifier(knexDefaultName(where.table, fk.columns, 'foreign'));
  return { up: [raw(addForeignKeySql(where, fk, rawName))], down: [dropConstraintSql(where, rawName)] };
}

/** Use to drop a foreign key of the database; down puts it back as it was. */
export function dropForeignKey(where: Where, fk: ForeignKey): Change {
  const add = addForeignKey(where, fk, fk.name);
  if (builderNames(where, fk, fk.name)) return { up: add.down, down: add.up };
  return { up: [dropConstraintSql(where, fk.name)], down: [raw(addForeignKeySql(where, fk, fk.name))] };
}
