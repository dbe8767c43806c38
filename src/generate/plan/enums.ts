// Enum types: create the model's new types; change the labels of existing ones in place where
// PostgreSQL can (RENAME VALUE, ADD VALUE BEFORE/AFTER), else re-create the type under every column
// that uses it. A label added and used in the same migration forces it out of a transaction.
import { qualified, type Column, type EnumType, type Table } from '../../schema/types.ts';
import { sameList } from '../../diff/match.ts';
import { normaliseType } from '../../diff/normalise.ts';
import { kjs } from '../../diff/snippets.ts';
import { quoteIdent, quoteLiteral, quoteQualified, truncateIdentifier } from '../../ddl/names.ts';
import { knexText, templateBody } from '../../util/escape.ts';
import { raw } from './code.ts';
import type { Planner } from './planner.ts';
import type { Code, Operation } from './types.ts';

/** A column of the migrated database that uses an enum type (any table: the type cannot change without it). */
interface EnumUsage {
  table: Table;
  column: Column;
  array: boolean;
}

/** Use once per plan: every enum type of the models that the database lacks or has with other labels. */
export function planEnums(p: Planner): void {
  for (const de of p.declared.enums) {
    const key = qualified(de.schema, de.name);
    const me = p.mEnums.get(key);
    const type = quoteQualified(de.schema, de.name);
    if (!me) {
      p.op({
        kind: 'create-enum',
        phase: 'enum',
        target: `type ${key}`,
        description: `create enum type ${key} (${de.labels.join(', ')})`,
        up: [raw(`CREATE TYPE ${type} AS ENUM (${de.labels.map(quoteLiteral).join(', ')})`)],
        down: [raw(`DROP TYPE ${type}`)],
      });
      continue;
    }
    if (!sameList(me.labels, de.labels)) alterEnum(p, me, de);
  }
}

function enumUsages(p: Planner, e: EnumType): EnumUsage[] {
  const out: EnumUsage[] = [];
  for (const t of p.migrated.tables) {
    for (const c of t.columns) {
      if (c.enumType && c.enumType.schema === e.schema && c.enumType.name === e.name) out.push({ table: t, column: c, array: normaliseType(c.type).endsWith('[]') });
    }
  }
  return out;
}

/** How the labels change: a label that only changed case is a rename (the rows keep their value). */
interface LabelChange {
  renames: Map<string, string>;
  added: string[];
  removed: string[];
  /** No label removed and the old ones keep their order: ALTER TYPE in place. */
  keepsOrder: boolean;
}

function labelChange(oldL: readonly string[], newL: readonly string[]): LabelChange {
  const removed = oldL.filter((l) => !newL.includes(l));
  const added = newL.filter((l) => !oldL.includes(l));
  const renames = new Map<string, string>();
  for (const o of removed) {
    const hits = added.filter((n) => n.toLowerCase() === o.toLowerCase());
    const back = removed.filter((x) => x.toLowerCase() === o.toLowerCase());
    if (hits.length === 1 && back.length === 1) renames.set(o, hits[0]!);
  }
  const renamedOld = oldL.map((l) => renames.get(l) ?? l);
  const trulyRemoved = removed.filter((l) => !renames.has(l));
  const trulyAdded = added.filter((l) => ![...renames.values()].includes(l));
  const keepsOrder = trulyRemoved.length === 0 && sameList(renamedOld, newL.filter((l) => renamedOld.includes(l)));
  return { renames, added: trulyAdded, removed: trulyRemoved, keepsOrder };
}

function alterEnum(p: Planner, me: EnumType, de: EnumType): void {
  const key = qualified(me.schema, me.name);
  const change = labelChange(me.labels, de.labels);
  const usages = enumUsages(p, me);
  for (const u of usages) p.enumDefaultColumns.add(qualified(u.table.schema, `${u.table.name}.${u.column.name}`));
  const back = new Map([...change.renames].map(([o, n]) => [n, o]));
  let up: Code[];
  let down: Code[];
  if (change.keepsOrder) {
    up = alterInPlace(me, de.labels, change);
    down =
      change.added.length === 0
        ? [...[...change.renames].reverse().map(([o, n]) => renameLabel(me, n, o)), ...usages.flatMap((u) => restoreDefault(u.table, u.column))]
        : recreateEnum(me, me.labels, back, usages, 'migrated');
    p.enumLabelsAdded.push(...change.added);
  } else {
    up = recreateEnum(me, de.labels, change.renames, usages, 'mapped');
    down = recreateEnum(me, me.labels, back, usages, 'migrated');
  }
  const labels = (ls: readonly string[]) => ls.map((l) => `'${l}'`).join(', ');
  const parts: string[] = [];
  if (change.renames.size) parts.push(`rename ${[...change.renames].map(([o, n]) => `'${o}' to '${n}'`).join(', ')}`);
  if (change.added.length) parts.push(`add ${labels(change.added)}`);
  if (change.removed.length) parts.push(`remove ${labels(change.removed)}`);
  if (!change.keepsOrder && change.removed.length === 0) parts.push('reorder labels');
  p.op({
    kind: 'alter-enum',
    phase: 'enumChange',
    target: `type ${key}`,
    description: `change enum type ${key}: ${parts.join('; ')} (${me.labels.join(', ')} -> ${de.labels.join(', ')})`,
    destructive: change.removed.length > 0,
    risk: change.removed.length > 0 ? `removes label${change.removed.length > 1 ? 's' : ''} ${labels(change.removed)}` : undefined,
    up,
    down,
  });
}

const renameLabel = (e: EnumType, from: string, to: string): Code => raw(`ALTER TYPE ${quoteQualified(e.schema, e.name)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)}`);

/** Renames, then ADD VALUE in place: BEFORE the next label that exists already, else AFTER the previous one. */
function alterInPlace(e: EnumType, newL: readonly string[], change: LabelChange): Code[] {
  const up: Code[] = [...change.renames].map(([o, n]) => renameLabel(e, o, n));
  const present = new Set(e.labels.map((l) => change.renames.get(l) ?? l));
  for (let i = 0; i < newL.length; i++) {
    const l = newL[i]!;
    if (present.has(l)) continue;
    const next = newL.slice(i + 1).find((x) => present.has(x));
    const prev = [...newL.slice(0, i)].reverse().find((x) => present.has(x));
    const where = next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : prev !== undefined ? ` AFTER ${quoteLiteral(prev)}` : '';
    up.push(raw(`ALTER TYPE ${quoteQualified(e.schema, e.name)} ADD VALUE ${quoteLiteral(l)}${where}`));
    present.add(l);
  }
  return up;
}

/** SET DEFAULT back to the migrated default of a column (after its enum type changed under it). */
function restoreDefault(t: Table, c: Column): Code[] {
  if (!c.default) return [];
  return [raw(`ALTER TABLE ${quoteQualified(t.schema, t.name)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default}`)];
}

/**
 * Re-create an enum type with other labels: rename the old type away, create the new one, convert
 * every column through text (mapping renamed labels), drop the old type. Column defaults are
 * dropped first and set again: to the migrated default ('migrated'), or to it with labels mapped
 * when the label still exists ('mapped'; the columns step then sets the model's default).
 */
function recreateEnum(e: EnumType, labels: readonly string[], mapping: ReadonlyMap<string, string>, usages: EnumUsage[], defaults: 'migrated' | 'mapped'): Code[] {
  const type = quoteQualified(e.schema, e.name);
  const oldName = truncateIdentifier(`${e.name}__pcc_old`);
  const out: Code[] = [raw(`ALTER TYPE ${type} RENAME TO ${quoteIdent(oldName)}`), raw(`CREATE TYPE ${type} AS ENUM (${labels.map(quoteLiteral).join(', ')})`)];
  for (const u of usages) out.push(...convertColumn(type, labels, mapping, u, defaults));
  out.push(raw(`DROP TYPE ${quoteQualified(e.schema, oldName)}`));
  return out;
}

/** One column moved to the re-created type: default dropped, values converted through text, default set again. */
function convertColumn(type: string, labels: readonly string[], mapping: ReadonlyMap<string, string>, u: EnumUsage, defaults: 'migrated' | 'mapped'): Code[] {
  const tbl = quoteQualified(u.table.schema, u.table.name);
  const col = quoteIdent(u.column.name);
  const out: Code[] = [];
  if (u.column.default) out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} DROP DEFAULT`));
  let using: string;
  if (u.array) using = `${col}::text[]::${type}[]`;
  else if (mapping.size === 0) using = `${col}::text::${type}`;
  else {
    const whens = [...mapping].map(([o, n]) => `WHEN ${quoteLiteral(o)} THEN ${quoteLiteral(n)}`).join(' ');
    using = `(CASE ${col}::text ${whens} ELSE ${col}::text END)::${type}`;
  }
  out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} TYPE ${type}${u.array ? '[]' : ''} USING ${using}`));
  if (!u.column.default) return out;
  if (defaults === 'migrated') return [...out, ...restoreDefault(u.table, u.column)];
  const m = /^'((?:[^']|'')*)'::/.exec(u.column.default);
  const label = m ? m[1]!.replace(/''/g, "'") : null;
  const mapped = label === null ? null : (mapping.get(label) ?? label);
  if (mapped !== null && labels.includes(mapped)) out.push(raw(`ALTER TABLE ${tbl} ALTER COLUMN ${col} SET DEFAULT ${quoteLiteral(mapped)}::${type}`));
  return out;
}

/** Use on the finished plan: labels added by ADD VALUE that the rest of the migration uses: Postgres refuses that inside one transaction. */
export function transactionOk(p: Planner, operations: readonly Operation[]): boolean {
  if (p.enumLabelsAdded.length === 0) return true;
  const text = operations
    .filter((o) => o.phase !== 'enumChange')
    .flatMap((o) => o.up.map((c) => ('line' in c ? c.line : c.statement)))
    .join('\n');
  // a label appears as a Knex argument ('x'), or as an SQL literal inside raw SQL (`'x'::type`)
  return !p.enumLabelsAdded.some((l) => text.includes(kjs(l)) || text.includes(templateBody(knexText(quoteLiteral(l)))) || text.includes(kjs(quoteLiteral(l)).slice(1, -1)));
}
