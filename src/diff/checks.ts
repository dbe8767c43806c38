// Check constraints of one table: missing-check. Matched by normalised expression, never by name.
import * as text from '../messages/findings.ts';
import { checkExpression, checkKey, identifiers } from './match.ts';
import { normaliseExpression } from './normalise.ts';
import { knexCheckCall } from './snippets.ts';
import { touches, type TableDiff } from './table-diff.ts';

/** Use for the check findings of one table present on both sides. */
export function compareChecks(t: TableDiff): void {
  const { m, d, ref, on } = t;
  const have = new Set(m.checks.map(checkKey));
  const modelNames = new Set(ref.model.checks.map((c) => c.name).filter((n): n is string => !!n));
  for (const c of d.checks) {
    if (touches([...identifiers(c.expression)], t.missing)) continue;
    const canon = checkKey(c);
    if (have.has(canon)) continue;
    const spec = ref.model.checks.find((s) => s.name !== undefined && s.name === c.name) ?? ref.model.checks.find((s) => normaliseExpression(s.expression) === canon);
    const expression = spec?.expression ?? checkExpression(c);
    const name = modelNames.has(c.name) ? c.name : null;
    const same = name !== null ? m.checks.find((x) => x.name === name) : undefined;
    t.push('missing-check', {
      schema: on.schema,
      table: on.table,
      columns: [],
      object: name,
      expected: expression,
      actual: same ? checkExpression(same) : null,
      ...text.missingCheck({ ...on, name, expression, sameName: same ? checkExpression(same) : null, addCheck: knexCheckCall(expression, name) }),
    });
  }
}
