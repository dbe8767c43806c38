// Check constraints: matched by normalised expression, never by name. A model check with the name of a
// database check that tests something else replaces it; checks the model does not declare are dropped
// (destructive).
import { qualified, type CheckConstraint, type Table } from '../../schema/types.ts';
import { checkExpression, checkKey, identifiers } from '../../diff/match.ts';
import { normaliseExpression } from '../../diff/normalise.ts';
import { kjs, knexCheckCall } from '../../diff/snippets.ts';
import { quoteIdent, quoteQualified } from '../../ddl/names.ts';
import { SAFE_IDENT, line, raw } from './code.ts';
import type { Planner } from './planner.ts';
import type { PlanModel } from './types.ts';

/** Use for the checks of one table present on both sides. */
export function planChecks(p: Planner, ref: PlanModel, m: Table, d: Table): void {
  const key = qualified(m.schema, m.name);
  // a check over a column that is dropped and added again goes with it: dropped first, the model's added after
  const gone = (c: CheckConstraint) => [...identifiers(c.expression)].some((id) => p.recreated.has(`${key}.${id}`));
  for (const c of m.checks.filter(gone)) dropCheck(p, m, c, 'its column is re-created', false);
  const kept = m.checks.filter((c) => !gone(c));
  const have = new Set(kept.map(checkKey));
  const want = new Set(d.checks.map(checkKey));
  const replaced = new Set<CheckConstraint>();
  for (const c of d.checks) {
    if (!have.has(checkKey(c))) addCheck(p, ref, kept, d, c, replaced);
  }
  for (const c of kept) {
    if (replaced.has(c) || want.has(checkKey(c))) continue;
    dropCheck(p, m, c, 'the model does not declare it', true);
  }
}

function addCheck(p: Planner, ref: PlanModel, have: readonly CheckConstraint[], d: Table, c: CheckConstraint, replaced: Set<CheckConstraint>): void {
  const canon = checkKey(c);
  const checks = ref.model.checks;
  const spec = checks.find((s) => s.name !== undefined && s.name === c.name) ?? checks.find((s) => normaliseExpression(s.expression) === canon);
  const expression = spec?.expression ?? checkExpression(c);
  let name: string;
  if (checks.some((s) => !!s.name && s.name === c.name)) {
    name = c.name;
    const same = have.find((x) => x.name === name);
    if (same) {
      replaced.add(same);
      dropCheck(p, d, same, `replaced by CHECK (${expression})`, false);
    }
  } else {
    const first = [...identifiers(expression)].find((id) => d.columns.some((col) => col.name === id));
    name = p.names.allocate(`con:${d.schema}.${d.name}`, `${d.name}_${first ? `${first}_` : ''}check`);
  }
  const key = qualified(d.schema, d.name);
  const tbl = quoteQualified(d.schema, d.name);
  const safe = SAFE_IDENT.test(name) && !expression.includes('?');
  p.op({
    kind: 'add-check',
    phase: 'addConstraint',
    target: `${key} ${name}`,
    description: `add check ${name} (${expression}) to ${key}`,
    up: [safe ? line(d.schema, d.name, knexCheckCall(expression, name)) : raw(`ALTER TABLE ${tbl} ADD CONSTRAINT ${quoteIdent(name)} CHECK (${expression})`)],
    down: [safe ? line(d.schema, d.name, `table.dropChecks([${kjs(name)}])`) : raw(`ALTER TABLE ${tbl} DROP CONSTRAINT ${quoteIdent(name)}`)],
  });
}

/** Use for a check re-created as the migrated database has it. */
export const addCatalogCheckSql = (t: Pick<Table, 'schema' | 'name'>, c: CheckConstraint): string =>
  `ALTER TABLE ${quoteQualified(t.schema, t.name)} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${checkExpression(c)})`;

function dropCheck(p: Planner, m: Table, c: CheckConstraint, why: string, destructive: boolean): void {
  const key = qualified(m.schema, m.name);
  p.op({
    kind: 'drop-check',
    phase: 'dropConstraint',
    target: `${key} ${c.name}`,
    description: `drop check ${c.name} (${checkExpression(c)}) of ${key} (${why})`,
    destructive,
    risk: destructive ? 'drops a check constraint' : undefined,
    up: [raw(`ALTER TABLE ${quoteQualified(m.schema, m.name)} DROP CONSTRAINT ${quoteIdent(c.name)}`)],
    down: [raw(addCatalogCheckSql(m, c))],
  });
}
