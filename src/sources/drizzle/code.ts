// Drizzle code for hints: a column of the IR as a pg-core builder chain, and index, unique and
// foreign key entries as the builders of a table's extra config. Every name goes through jsString and
// every SQL text through sqlTemplate (drizzle's sql tag reads cooked strings, like ours): hints are code.
import type { ColumnSpec, ForeignKeySpec, IndexKey, IndexSpec, UniqueSpec } from '../../model-api/types.ts';
import { jsString as js, sqlTemplate } from '../../util/escape.ts';

/** How a hint names things of the project: a column's JS key, a table's export. */
export interface Naming {
  /** The JS key of a column of this table (the column name when unknown). */
  key(column: string): string;
  /** `users.id`: a column of table `schema.table` through the export that declares it (names as they are when unknown). */
  ref(schema: string, table: string, column: string): string;
}

/** `obj.name`, or obj['odd name'] when the name is no identifier. */
export const member = (obj: string, name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${obj}.${name}` : `${obj}[${js(name)}]`);
/** `t.email` in an extra-config callback whose table parameter is `t`. */
const col = (naming: Naming, column: string): string => member('t', naming.key(column));

/** A plain SQL type as a builder: text, integer, varchar(n)... with `[]` as .array(); else a customType. */
function typeBuilder(sqlType: string, name: string): string {
  const array = /^(.*?)((?:\[\])+)$/.exec(sqlType.trim());
  if (array) return typeBuilder(array[1]!, name) + '.array()'.repeat(array[2]!.length / 2);
  const t = sqlType.trim().toLowerCase();
  const simple: Record<string, string> = { text: 'text', integer: 'integer', int4: 'integer', int: 'integer', smallint: 'smallint', boolean: 'boolean', bool: 'boolean', uuid: 'uuid', json: 'json', jsonb: 'jsonb', date: 'date', real: 'real', 'double precision': 'doublePrecision', inet: 'inet', cidr: 'cidr', interval: 'interval', varchar: 'varchar', 'character varying': 'varchar' };
  if (simple[t]) return `${simple[t]}(${js(name)})`;
  if (t === 'bigint' || t === 'int8') return `bigint(${js(name)}, { mode: 'number' })`;
  const m = /^(?:varchar|character varying)\((\d+)\)$/.exec(t);
  if (m) return `varchar(${js(name)}, { length: ${m[1]} })`;
  return `customType<{ data: unknown }>({ dataType: () => ${js(sqlType)} })(${js(name)})`;
}

/** The builder call of a column's type (no modifiers). */
function builderOf(name: string, spec: ColumnSpec): string {
  const n = js(name);
  switch (spec.kind) {
    case 'increments':
      return `serial(${n})`;
    case 'bigIncrements':
      return `bigserial(${n}, { mode: 'number' })`;
    case 'bigInteger':
      return `bigint(${n}, { mode: 'number' })`;
    case 'string':
      return `varchar(${n}, { length: ${spec.length ?? 255} })`;
    case 'timestamp': {
      const opts = [`withTimezone: ${spec.useTz !== false}`, ...(spec.precision !== undefined ? [`precision: ${spec.precision}`] : [])];
      return `timestamp(${n}, { ${opts.join(', ')} })`;
    }
    case 'time':
      return spec.useTz ? `time(${n}, { withTimezone: true })` : `time(${n})`;
    case 'decimal':
      return spec.precision === undefined ? `numeric(${n})` : `numeric(${n}, { precision: ${spec.precision}, scale: ${spec.scale ?? 2} })`;
    case 'float':
      return `real(${n})`;
    case 'double':
      return `doublePrecision(${n})`;
    case 'binary':
      return typeBuilder('bytea', name);
    case 'enum':
      return `pgEnum(${js(spec.enumName ?? '')}, [${(spec.enumValues ?? []).map(js).join(', ')}])(${n})`;
    case 'specificType':
      return typeBuilder(spec.sqlType ?? 'text', name);
    default:
      return `${spec.kind}(${n})`;
  }
}

const action = (a: string): string => js(a.toLowerCase());

/** `.references(() => users.id, { onDelete: 'cascade' })` for a single-column key. */
export function referencesCall(naming: Naming, schema: string, ref: { schema?: string; table: string; column: string }, onDelete?: string, onUpdate?: string): string {
  const opts = [...(onDelete && onDelete !== 'NO ACTION' ? [`onDelete: ${action(onDelete)}`] : []), ...(onUpdate && onUpdate !== 'NO ACTION' ? [`onUpdate: ${action(onUpdate)}`] : [])];
  const target = naming.ref(ref.schema ?? schema, ref.table, ref.column);
  return `.references(() => ${target}${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}

/** Use for a column in a hint: `varchar('email', { length: 255 }).notNull()` and so on. */
export function columnCode(naming: Naming, schema: string, name: string, spec: ColumnSpec): string {
  let code = builderOf(name, spec);
  if (spec.primary) code += '.primaryKey()';
  else if (!spec.nullable && !spec.identity) code += '.notNull()';
  if (spec.identity) code += spec.identity === 'always' ? '.generatedAlwaysAsIdentity()' : '.generatedByDefaultAsIdentity()';
  if (spec.generated) code += `.generatedAlwaysAs(${sqlTemplate(spec.generated.sql)})`;
  if (spec.default) code += `.default(${defaultCode(spec.default)})`;
  if (spec.unique) code += '.unique()';
  if (spec.references) code += referencesCall(naming, schema, spec.references, spec.onDelete, spec.onUpdate);
  return code;
}

/** A default's argument: sql`...` or a JavaScript value. */
export function defaultCode(d: NonNullable<ColumnSpec['default']>): string {
  if (d.kind === 'raw') return sqlTemplate(d.sql);
  return typeof d.value === 'string' ? js(d.value) : JSON.stringify(d.value);
}

/** One key of an index: t.col with .desc(), .nullsFirst(), .op(), or sql`expression`. */
function keyCode(naming: Naming, key: IndexKey): string {
  if (key.expression !== undefined) return sqlTemplate(key.expression);
  let code = col(naming, key.column!);
  if (key.order === 'desc') code += '.desc()';
  if (key.nulls === 'first') code += '.nullsFirst()';
  if (key.nulls === 'last') code += '.nullsLast()';
  if (key.opclass) code += `.op(${js(key.opclass)})`;
  return code;
}

/** Use for an index in a hint: index('name').on(t.a, t.b) (uniqueIndex, .using('gin', ...), .where(sql`...`)). */
export function indexCode(naming: Naming, ix: IndexSpec): string {
  const keys = (ix.keys ?? ix.columns.map((c) => ({ column: c }))).map((k) => keyCode(naming, k)).join(', ');
  let code = `${ix.unique ? 'uniqueIndex' : 'index'}(${ix.name ? js(ix.name) : ''})`;
  code += ix.using && ix.using !== 'btree' ? `.using(${js(ix.using)}, ${keys})` : `.on(${keys})`;
  if (ix.where !== undefined) code += `.where(${sqlTemplate(ix.where)})`;
  return code;
}

/** Use for a unique constraint in a hint: unique().on(t.a, t.b) (.nullsNotDistinct()). */
export function uniqueCode(naming: Naming, u: UniqueSpec): string {
  return `unique(${u.name ? js(u.name) : ''}).on(${u.columns.map((c) => col(naming, c)).join(', ')})${u.nullsNotDistinct ? '.nullsNotDistinct()' : ''}`;
}

/** Use for a (composite) foreign key in a hint: foreignKey({ columns, foreignColumns }) with its actions. */
export function foreignKeyCode(naming: Naming, schema: string, fk: ForeignKeySpec): string {
  const { schema: s = schema, table } = fk.references;
  let code = `foreignKey({ columns: [${fk.columns.map((c) => col(naming, c)).join(', ')}], foreignColumns: [${fk.references.columns.map((c) => naming.ref(s, table, c)).join(', ')}] })`;
  if (fk.onDelete && fk.onDelete !== 'NO ACTION') code += `.onDelete(${action(fk.onDelete)})`;
  if (fk.onUpdate && fk.onUpdate !== 'NO ACTION') code += `.onUpdate(${action(fk.onUpdate)})`;
  return code;
}

/** Use for a primary key in a hint: primaryKey({ columns: [t.a, t.b] }). */
export function primaryKeyCode(naming: Naming, columns: readonly string[]): string {
  return `primaryKey({ columns: [${columns.map((c) => col(naming, c)).join(', ')}] })`;
}
