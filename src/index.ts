// The package's public exports (contract section 1).
export { defineModel, t, sql } from './model-api/define.ts';
export type { Model, ColumnSpec, IndexSpec, UniqueSpec, CheckSpec, ForeignKeySpec } from './model-api/types.ts';
export { defineConfig } from './config/types.ts';
export type { UserConfig, Conventions, GeneratedFiles, NamingConvention, RequiredColumn } from './config/types.ts';
export type { Finding, FindingCode, Report, Severity } from './diff/findings.ts';
export { checkProject } from './check/check-project.ts';
export type { CheckOptions } from './check/check-project.ts';
