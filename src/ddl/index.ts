// The model -> DDL compiler: use applyModels() to build the "declared" scratch database, and
// compileModelsToSql() to see (or write out) the DDL the models stand for.
export { applyModels, applyPlan } from './apply.ts';
export type { ApplyResult, FailedModel, SkippedForeignKey } from './apply.ts';
export { compileModelsToSql, planModels, foreignKeysOf, resolveEnumName, toPgArrayLiteral } from './compile.ts';
export type { DdlPlan, DdlUnit, DdlPhase, CompileError, ResolvedForeignKey } from './compile.ts';
export { quoteIdent, quoteQualified, quoteLiteral, truncateIdentifier, NameAllocator } from './names.ts';
