// The diff stage: Schema x Schema -> Finding[] (pure), with its normalisation rules, ignore globs,
// finding helpers (makeFinding, applyRules, sortFindings) and hint snippets.
export { diff, type DiffContext, type DiffModel } from './diff.ts';
export * from './findings.ts';
export { globToRegExp, knexTableGlobs, tableMatcher, type MigrationTableConfig } from './ignore.ts';
export {
  AUTOINCREMENT,
  baseType,
  canonicalNumber,
  displayDefault,
  displayType,
  effectiveDefault,
  normaliseDefault,
  normaliseExpression,
  normaliseType,
} from './normalise.ts';
export { knexColumnCall, knexCreateTable, modelColumnCall } from './snippets.ts';
