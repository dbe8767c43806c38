// `generate`, the writing half: the migration file's language, name and text for a plan
// (migration-writer.ts), and the run that loads both schemas, plans and writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { loadSchemas, type CheckOptions } from '../check/check-project.ts';
import type { Finding } from '../diff/findings.ts';
import { knexTableGlobs } from '../diff/ignore.ts';
import type { MigrationSettings } from '../migrations/knexfile.ts';
import { DEFAULT_LOAD_EXTENSIONS } from '../migrations/extensions.ts';
import { builderSafe, planMigration, type Code, type MigrationPlan, type Operation, type Phase } from './migration-writer.ts';
import { kjs } from '../diff/snippets.ts';
import { PccError } from '../errors.ts';
import { commentText, takeUnsendable } from '../util/escape.ts';
import { generateMessages as m } from '../messages/generate.ts';
import { sqlMigrationMessages as sqlText } from '../messages/sql-migrations.ts';

/** How the file is written: TypeScript, or JavaScript as an ES module or CommonJS. */
export type MigrationFlavor = 'ts' | 'esm' | 'cjs';

export interface MigrationLanguage {
  /** Without the dot: 'ts', 'mts', 'js', 'mjs', 'cjs'. */
  extension: string;
  flavor: MigrationFlavor;
}

const MIGRATION_EXT = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Migration files already in a directory (not .d.ts), sorted by name. */
export function existingMigrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => MIGRATION_EXT.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * The project's migration language: knexfile `migrations.extension`, else the newest existing
 * migration's extension, else TypeScript when the knexfile is TypeScript, else JavaScript. JavaScript
 * is an ES module or CommonJS like the existing migrations (else like package.json "type").
 */
export function detectLanguage(settings: MigrationSettings, root: string): MigrationLanguage {
  const dir = settings.directories[0]!;
  const files = existingMigrations(dir);
  let ext = settings.extension?.replace(/^\./, '');
  if (!ext && files.length) ext = extname(files[files.length - 1]!).slice(1);
  if (!ext) ext = /\.(m|c)?ts$/.test(settings.knexfile) ? 'ts' : 'js';
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return { extension: ext, flavor: 'ts' };
  if (ext === 'mjs') return { extension: ext, flavor: 'esm' };
  if (ext === 'cjs') return { extension: ext, flavor: 'cjs' };
  for (const f of [...files].reverse().filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (/^\s*export\s+(async\s+function|function|const|default)\b/m.test(text)) return { extension: ext, flavor: 'esm' };
    if (/\bmodule\.exports\b|\bexports\.\w+\s*=/.test(text)) return { extension: ext, flavor: 'cjs' };
  }
  let type = 'commonjs';
  try {
    type = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs';
  } catch {
    // no package.json: Node's default
  }
  return { extension: ext, flavor: type === 'module' ? 'esm' : 'cjs' };
}

/** Knex's timestamp prefix: YYYYMMDDHHmmss in UTC. */
export function knexTimestamp(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

/** A migration name as a file name part: letters, digits, '_' and '-'. */
export function sanitiseName(name: string): string {
  const s = name.trim().replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return s || 'sync_models';
}

/**
 * `YYYYMMDDHHmmss_<name>.<ext>`, sorting after every existing migration (Knex applies them in name
 * order): when the clock is behind the newest timestamp, the newest plus one second's worth.
 */
export function migrationFileName(existing: readonly string[], name: string, extension: string, now: Date = new Date()): string {
  let stamp = knexTimestamp(now);
  const newest = [...existing].sort().at(-1);
  const prefix = newest ? /^(\d{14})/.exec(newest)?.[1] : undefined;
  if (prefix && prefix >= stamp) stamp = (BigInt(prefix) + 1n).toString().padStart(14, '0');
  let file = `${stamp}_${sanitiseName(name)}.${extension}`;
  if (newest && file <= newest) file = `${newest.replace(MIGRATION_EXT, '')}_${sanitiseName(name)}.${extension}`;
  return file;
}

// ---------------------------------------------------------------------------------------------- render

function renderCodes(codes: { phase: Phase; code: Code }[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < codes.length) {
    const { phase, code } = codes[i]!;
    if ('statement' in code) {
      out.push(`  await ${code.statement};`);
      i++;
      continue;
    }
    const lines: string[] = [];
    let j = i;
    while (j < codes.length) {
      const next = codes[j]!;
      if (next.phase !== phase || !('line' in next.code) || next.code.table.schema !== code.table.schema || next.code.table.name !== code.table.name) break;
      lines.push(`    ${next.code.line};`);
      j++;
    }
    if (!builderSafe(code.table.schema) || !builderSafe(code.table.name)) throw new PccError('USAGE', m.builderCannotName(`${code.table.schema}.${code.table.name}`), { hint: m.builderCannotNameHint });
    const b = code.table.schema === 'public' ? 'knex.schema' : `knex.schema.withSchema(${kjs(code.table.schema)})`;
    out.push(`  await ${b}.alterTable(${kjs(code.table.name)}, (table) => {\n${lines.join('\n')}\n  });`);
    i = j;
  }
  return out;
}


/** The up and down bodies of a plan: up in plan order, down the exact reverse. */
export function renderBodies(plan: Pick<MigrationPlan, 'operations'>): { up: string; down: string } {
  const up = plan.operations.flatMap((o) => o.up.map((code) => ({ phase: o.phase, code })));
  const down = [...plan.operations].reverse().flatMap((o) => o.down.map((code) => ({ phase: o.phase, code })));
  return { up: renderCodes(up).join('\n'), down: renderCodes(down).join('\n') };
}

/** The whole migration file. */
export function renderMigration(plan: MigrationPlan, language: MigrationLanguage): string {
  const { up, down } = renderBodies(plan);
  const head: string[] = [`// ${m.fileHeader}`];
  for (const o of plan.operations) head.push(`//   ${commentText(o.description)}`);
  if (plan.skipped.length) {
    head.push(`// ${m.fileSkippedHeader}`);
    for (const o of plan.skipped) head.push(`//   ${commentText(o.description)}`);
  }
  const config = plan.transaction ? null : `{ transaction: false }`;
  const configComment = `// ${m.fileNoTransaction}`;
  const parts: string[] = [];
  if (language.flavor === 'ts') {
    parts.push(`import type { Knex } from 'knex';`, '', ...head, '');
    if (config) parts.push(configComment, `export const config = ${config};`, '');
    parts.push(`export async function up(knex: Knex): Promise<void> {\n${up}\n}`, '');
    parts.push(`export async function down(knex: Knex): Promise<void> {\n${down}\n}`, '');
  } else if (language.flavor === 'esm') {
    parts.push(...head, '');
    if (config) parts.push(configComment, `export const config = ${config};`, '');
    parts.push(`/** @param {import('knex').Knex} knex */\nexport async function up(knex) {\n${up}\n}`, '');
    parts.push(`/** @param {import('knex').Knex} knex */\nexport async function down(knex) {\n${down}\n}`, '');
  } else {
    parts.push(...head, '');
    if (config) parts.push(configComment, `exports.config = ${config};`, '');
    parts.push(`/** @param {import('knex').Knex} knex */\nexports.up = async function up(knex) {\n${up}\n};`, '');
    parts.push(`/** @param {import('knex').Knex} knex */\nexports.down = async function down(knex) {\n${down}\n};`, '');
  }
  return parts.join('\n');
}

// ------------------------------------------------------------------------------------------------- run

/** Finding codes that generate cannot fix: the project must be repaired first. */
export const BLOCKING_CODES = ['invalid-model', 'duplicate-model', 'unresolved-reference', 'migration-failed', 'missing-down', 'missing-object'] as const;

export interface GenerateOptions extends CheckOptions {
  /** The migration's name (file name after the timestamp); default 'sync_models'. */
  name?: string;
  /** Include drops and narrowing type changes. */
  allowDestructive?: boolean;
  /** Clock for the file name (tests). */
  now?: Date;
  /** Write nothing: return the migration's text and the file it would be (generate --dry-run). */
  dryRun?: boolean;
}

export type GenerateResult =
  | { status: 'written'; file: string; relativeFile: string; plan: MigrationPlan; language: MigrationLanguage }
  | { status: 'dry-run'; file: string; relativeFile: string; plan: MigrationPlan; language: MigrationLanguage; content: string }
  | { status: 'nothing'; plan: MigrationPlan }
  | { status: 'blocked'; findings: Finding[] };

/**
 * Use for `generate`: load both schemas (scratch databases), plan, and write one migration into the
 * first migrations directory. Writes nothing when there is nothing to do or the project has a problem
 * generate cannot fix (blocked: the findings say what). Throws PccError for usage and environment failures.
 */
export async function generateMigration(options: GenerateOptions = {}): Promise<GenerateResult> {
  const loaded = await loadSchemas(options);
  const blocking = loaded.findings.filter((f) => (BLOCKING_CODES as readonly string[]).includes(f.code));
  if (blocking.length) return { status: 'blocked', findings: blocking };
  // A table whose model sits in a file the globs miss is the user's, modelled: never drop it (seed 004).
  const stray = loaded.migrated.tables.filter((t) => loaded.strayModels.has(`${t.schema}.${t.name}`));
  takeUnsendable(); // forget what the hints of the check noted: only this migration's texts count
  const plan = planMigration(loaded.migrated, loaded.declared, {
    models: loaded.models,
    // Tables a shape-only source states are the user's, modelled without DDL: never dropped.
    claimed: [...loaded.claimed, ...stray.map((t) => ({ model: { schema: t.schema, table: t.name } })), ...loaded.shapes.map((t) => ({ model: t }))],
    ignoreTables: loaded.config.ignore.tables,
    migrationTables: knexTableGlobs({ tableName: loaded.settings.tableName, schemaName: loaded.settings.schemaName }),
    allowDestructive: options.allowDestructive === true,
  });
  for (const t of stray) plan.notes.push(m.strayModelKept(`${t.schema}.${t.name}`, loaded.strayModels.get(`${t.schema}.${t.name}`)!));
  const shapeFindings = loaded.findings.filter((f) => loaded.shapes.some((t) => t.schema === f.schema && t.table === f.table && t.name === f.model));
  if (shapeFindings.length) plan.notes.push(m.shapeFindingsLeft(shapeFindings.length));
  if (plan.operations.length === 0) return { status: 'nothing', plan };
  // A SQL folder's migrations are its tool's to write: a Knex migration in it would never run.
  const sql = loaded.settings.sql;
  if (sql?.format) throw new PccError('USAGE', sqlText.generateSql(loaded.settings.knexfile, sql.format), { hint: sqlText.generateSqlHint(sql.format) });
  const unsendable = takeUnsendable();
  if (unsendable.length) throw new PccError('USAGE', m.knexCannotSend(unsendable), { hint: m.knexCannotSendHint });
  const root = loaded.config.root;
  const language = detectLanguage(loaded.settings, root);
  const loadable = loaded.settings.loadExtensions ?? DEFAULT_LOAD_EXTENSIONS;
  if (!loadable.includes(`.${language.extension}`)) language.extension = language.flavor === 'ts' ? 'ts' : 'js';
  const dir = loaded.settings.directories[0]!;
  const file = join(dir, migrationFileName(existingMigrations(dir), options.name ?? 'sync_models', language.extension, options.now));
  const content = renderMigration(plan, language);
  if (options.dryRun) return { status: 'dry-run', file, relativeFile: relative(root, file), plan, language, content };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, content, { flag: 'wx' });
  return { status: 'written', file, relativeFile: relative(root, file), plan, language };
}

/** Summary lines for a plan's operations. */
export function describeOperations(ops: readonly Operation[]): string[] {
  return ops.map((o) => o.description);
}
