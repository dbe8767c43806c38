// Pure checks of the loaded models before any database work: duplicate-model, unresolved-reference,
// invalid-model (an index, unique, key or check naming an undeclared column; no columns; enum label conflicts).
import { DEFAULT_SEVERITY, type Finding } from '../diff/findings.ts';
import { modelMessages as m } from '../messages/models.ts';
import type { LoadedModel } from './types.ts';
import { definitionSite, moveSite } from './site.ts';

const sameSite = (a: { file: string; line: number } | undefined, b: { file: string; line: number }): boolean => !!a && a.file === b.file && a.line === b.line;

type ModelCode = 'invalid-model' | 'duplicate-model' | 'unresolved-reference';

/** Use to build a model-stage finding with the contract's fields filled in. */
export function modelFinding(
  code: ModelCode,
  f: { file: string | null; message: string; hint: string; model?: string; schema?: string; table?: string; columns?: string[]; object?: string; expected?: string; actual?: string },
): Finding {
  return {
    code,
    severity: DEFAULT_SEVERITY[code],
    model: f.model ?? null,
    schema: f.schema ?? null,
    table: f.table ?? null,
    columns: f.columns ?? [],
    object: f.object ?? null,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    message: f.message,
    hint: f.hint,
    file: f.file,
  };
}

export interface ValidateResult {
  /** Models that can be compiled and compared. */
  valid: LoadedModel[];
  /** Models left out of the comparison (their table is still "claimed", so it is not unmodeled). */
  excluded: LoadedModel[];
  findings: Finding[];
}

const key = (schema: string, table: string) => `${schema}.${table}`;

/** The first name or text of a model that holds a NUL character (PostgreSQL stores none), or null. */
function nulText(model: LoadedModel['model']): string | null {
  const texts: unknown[] = [model.schema, model.table, model.comment];
  for (const [name, c] of Object.entries(model.columns)) {
    texts.push(name, c.comment, c.enumName, c.sqlType, ...(c.enumValues ?? []), c.references?.schema, c.references?.table, c.references?.column);
    if (c.default) texts.push(c.default.kind === 'raw' ? c.default.sql : c.default.value);
  }
  for (const x of [...model.indexes, ...model.uniques, ...model.foreignKeys]) texts.push(x.name, ...x.columns);
  for (const ix of model.indexes) texts.push(ix.where, ix.using);
  for (const ck of model.checks) texts.push(ck.name, ck.expression);
  for (const fk of model.foreignKeys) texts.push(fk.references.schema, fk.references.table, ...fk.references.columns);
  const hit = texts.find((t): t is string => typeof t === 'string' && t.includes('\0'));
  return hit ?? null;
}

/** Use right after loading: decides which models can be compared and reports the others. */
export function validateModels(models: LoadedModel[]): ValidateResult {
  const v: Verdicts = { findings: [], bad: new Set<LoadedModel>() };
  const byTable = duplicateModels(models, v);
  const pruned = invalidStructure(models, v);
  enumConflicts(models, v);
  unresolvedReferences(models, new Map([...byTable].map(([k, g]) => [k, g[0]!])), v);
  // A model that references an excluded one is still compared: its foreign keys to that model are
  // left out of the declared database (src/ddl) and of the comparison (check-project), the rest of it
  // is checked, so one bad file never hides the others' results.
  const { bad, findings } = v;
  return { valid: models.filter((x) => !bad.has(x)).map((x) => pruned.get(x) ?? x), excluded: models.filter((x) => bad.has(x)), findings };
}

/** What the checks found so far: the findings, and the models left out of the comparison. */
interface Verdicts {
  findings: Finding[];
  bad: Set<LoadedModel>;
}

/** A finding's model, file, schema and table fields for one model. */
const at = (lm: LoadedModel) => ({ model: lm.name, file: lm.file, schema: lm.model.schema, table: lm.model.table });

/** duplicate-model: one finding per table, naming every model and file. Returns the models by table. */
function duplicateModels(models: LoadedModel[], { findings, bad }: Verdicts): Map<string, LoadedModel[]> {
  const byTable = new Map<string, LoadedModel[]>();
  for (const lm of models) {
    if (!lm.model.table) continue;
    const k = key(lm.model.schema, lm.model.table);
    byTable.set(k, [...(byTable.get(k) ?? []), lm]);
  }
  for (const [table, all] of byTable) {
    // the same definition reached through two module instances (a CommonJS barrel of ES modules) is one model
    const group = all.filter((lm, i) => {
      const site = definitionSite(lm.model);
      return !site || !all.slice(0, i).some((o) => sameSite(definitionSite(o.model), site));
    });
    for (const lm of all) if (!group.includes(lm)) bad.add(lm);
    if (group.length < 2) continue;
    group.forEach((g) => bad.add(g));
    findings.push(
      modelFinding('duplicate-model', {
        ...at(group[0]!),
        model: group.map((g) => g.name).join(', '),
        message: m.duplicate(table, group.map((g) => g.name), group.map((g) => g.file)),
        hint: m.duplicateHint,
        file: group[1]!.file,
        expected: 'one model',
        actual: `${group.length} models`,
      }),
    );
  }
  return byTable;
}

/**
 * invalid-model: structure. A model without a table or columns is left out; an index, unique or
 * foreign key naming an undeclared column is reported and left out of the model, which is still
 * compared (a renamed column must not hide the rest of its table). Returns the models so pruned.
 */
function invalidStructure(models: LoadedModel[], { findings, bad }: Verdicts): Map<LoadedModel, LoadedModel> {
  const pruned = new Map<LoadedModel, LoadedModel>();
  for (const lm of models) {
    const { model } = lm;
    const invalid = (message: string, hint: string, columns: string[] = [], object?: string) => {
      bad.add(lm);
      findings.push(modelFinding('invalid-model', { ...at(lm), message, hint, columns, object }));
    };
    if (!model.table) {
      invalid(m.badTable(lm.name), m.badTableHint);
      continue;
    }
    if (Object.keys(model.columns).length === 0) invalid(m.noColumns(lm.name), m.noColumnsHint);
    for (const [name, spec] of Object.entries(model.columns)) {
      if (spec.kind === 'enum' && (!spec.enumValues || spec.enumValues.length === 0)) invalid(m.enumNoValues(lm.name, name), m.enumConflictHint, [name]);
    }
    const nul = nulText(model);
    if (nul !== null) invalid(m.nulCharacter(lm.name, nul), m.nulCharacterHint);
    const kept = withoutUndeclaredColumns(lm, (f) => findings.push(f));
    if (kept !== lm) pruned.set(lm, kept);
  }
  return pruned;
}

/** invalid-model: one enum type declared with different labels. */
function enumConflicts(models: LoadedModel[], { findings, bad }: Verdicts): void {
  const enums = new Map<string, { labels: string; by: LoadedModel }>();
  for (const lm of models) {
    for (const spec of Object.values(lm.model.columns)) {
      if (spec.kind !== 'enum' || !spec.enumName) continue;
      const type = spec.enumName.includes('.') ? spec.enumName : key(lm.model.schema, spec.enumName);
      const labels = JSON.stringify(spec.enumValues ?? []);
      const prev = enums.get(type);
      if (!prev) enums.set(type, { labels, by: lm });
      else if (prev.labels !== labels) {
        bad.add(lm);
        findings.push(modelFinding('invalid-model', { ...at(lm), object: type, message: m.enumConflict(type, prev.by.name, lm.name), hint: m.enumConflictHint }));
      }
    }
  }
}

/** unresolved-reference: the target table and column must be declared by a model (`modelsByTable`, one per table). */
function unresolvedReferences(models: LoadedModel[], modelsByTable: Map<string, LoadedModel>, { findings, bad }: Verdicts): void {
  const resolve = (lm: LoadedModel, column: string, target: { schema?: string; table: string }, targetColumns: string[]) => {
    const tkey = key(target.schema ?? lm.model.schema, target.table);
    const targetModel = modelsByTable.get(tkey);
    const label = `${tkey}(${targetColumns.join(', ')})`;
    if (!targetModel) {
      bad.add(lm);
      findings.push(modelFinding('unresolved-reference', { ...at(lm), columns: [column], expected: label, message: m.unresolvedTable(lm.name, column, label), hint: m.unresolvedTableHint(tkey) }));
      return;
    }
    const missing = targetColumns.filter((c) => !(c in targetModel.model.columns));
    if (missing.length) {
      bad.add(lm);
      findings.push(modelFinding('unresolved-reference', { ...at(lm), columns: [column], expected: label, message: m.unresolvedColumn(lm.name, column, label, targetModel.name), hint: m.unresolvedColumnHint(targetModel.name) }));
    }
  };
  for (const lm of models) {
    for (const [name, spec] of Object.entries(lm.model.columns)) if (spec.references) resolve(lm, name, spec.references, [spec.references.column]);
    for (const fk of lm.model.foreignKeys) resolve(lm, fk.columns.join(', '), fk.references, fk.references.columns);
  }
}

/** The model without its indexes, uniques and foreign keys that name an undeclared column (each one reported). */
function withoutUndeclaredColumns(lm: LoadedModel, report: (f: Finding) => void): LoadedModel {
  const { model } = lm;
  const cols = new Set(Object.keys(model.columns));
  const ok = (what: string, columns: string[], object?: string): boolean => {
    const missing = columns.filter((c) => !cols.has(c));
    for (const c of missing) {
      report(modelFinding('invalid-model', { model: lm.name, file: lm.file, schema: model.schema, table: model.table, message: m.undeclaredColumn(lm.name, what, c), hint: m.undeclaredColumnHint(c), columns: [c], object }));
    }
    return missing.length === 0;
  };
  // expression keys are checked by PostgreSQL when the model's DDL runs
  const indexColumns = (ix: (typeof model.indexes)[number]) => [...(ix.keys ?? ix.columns.map((column) => ({ column }))).flatMap((k) => (k.column !== undefined ? [k.column] : [])), ...(ix.include ?? [])];
  const indexes = model.indexes.filter((ix, i) => ok(`index ${ix.name ?? `#${i + 1}`}`, indexColumns(ix), ix.name));
  const uniques = model.uniques.filter((u, i) => ok(`unique ${u.name ?? `#${i + 1}`}`, u.columns, u.name));
  const foreignKeys = model.foreignKeys.filter((fk, i) => ok(`foreign key ${fk.name ?? `#${i + 1}`}`, fk.columns, fk.name));
  if (indexes.length === model.indexes.length && uniques.length === model.uniques.length && foreignKeys.length === model.foreignKeys.length) return lm;
  const kept = { ...model, indexes, uniques, foreignKeys };
  moveSite(model, kept);
  return { ...lm, model: Object.freeze(kept) };
}
