// Validate a raw config value against contract section 2: every problem at once, each unknown key
// (nested ones included) with the nearest known key, each wrong shape with the one expected.
import { isAbsolute } from 'node:path';
import { PccError } from '../errors.ts';
import { FINDING_CODES } from '../diff/findings.ts';
import { configMessages as m } from '../messages/config.ts';
import { closest } from '../util/suggest.ts';
import { SQL_FORMATS } from '../migrations/sql/formats.ts';
import { sqlMigrationMessages as sqlText } from '../messages/sql-migrations.ts';
import { NAME_CASES, ON_DELETE_ACTIONS, type UserConfig } from './types.ts';

/** Every key the config knows, by the path of the object that holds it ('' is the top level). */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['models', 'from', 'knexfile', 'migrations', 'database', 'ignore', 'rules', 'migrationTimeout', 'generated', 'conventions', 'stages'],
  database: ['url'],
  migrations: ['sql', 'format'],
  from: ['knexTypes', 'drizzle', 'typeorm', 'objection'],
  ignore: ['tables'],
  'generated[]': ['run', 'files'],
  conventions: ['names', 'requiredColumns', 'primaryKey', 'indexedForeignKeys', 'explicitOnDelete', 'severity', 'ignore', 'since'],
  'conventions.names': ['case', 'forbid', 'severity'],
  'conventions.requiredColumns[]': ['tables', 'column', 'type', 'notNullable', 'default', 'severity'],
  'conventions.explicitOnDelete': ['nullable', 'notNullable', 'severity'],
  stages: ['static', 'unit', 'integration'],
};

/** The longest migrationTimeout, in seconds: setTimeout's limit (2^31 - 1 ms). */
export const MAX_MIGRATION_TIMEOUT = 2_147_483;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isSeverity = (v: unknown) => v === 'error' || v === 'warn';
const isSwitch = (v: unknown) => typeof v === 'boolean' || isSeverity(v);

/** A key's full path: 'stages.unit', 'generated[1].files'. */
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The "did you mean" of an unknown key: a key of that name known elsewhere ('unit' at the top level
 * is 'stages.unit'), else the nearest key of the same object.
 */
function suggestKey(key: string, level: string, path: string): string | undefined {
  for (const [where, keys] of Object.entries(KNOWN_KEYS)) {
    if (where !== level && !where.includes('[]') && keys.includes(key)) return join(where, key);
  }
  const near = closest(key, KNOWN_KEYS[level] ?? []);
  return near === undefined ? undefined : join(path, near);
}

/** Report the keys of `obj` that `level` does not know; `path` is where obj sits ('generated[0]'). */
function unknownKeys(obj: Obj, level: string, path: string, problems: string[]): void {
  const known = KNOWN_KEYS[level] ?? [];
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) problems.push(m.unknownKey(join(path, key), suggestKey(key, level, path), known));
  }
}

function validateDatabase(v: unknown, problems: string[]): void {
  if (v === 'embedded') return;
  if (!isObject(v)) return void problems.push(m.badDatabase);
  unknownKeys(v, 'database', 'database', problems);
  if (typeof v.url !== 'string' || !/^postgres(ql)?:\/\//.test(v.url)) problems.push(m.badDatabase);
}

function validateIgnore(v: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badIgnore);
  unknownKeys(v, 'ignore', 'ignore', problems);
  if (v.tables !== undefined) validateTableGlobs(v.tables, 'ignore.tables', problems);
}

/** Table globs: picomatch syntax, no negation (a '!' glob would ignore every other table: a silent pass). */
function validateTableGlobs(v: unknown, path: string, problems: string[]): void {
  if (!isStringArray(v)) return void problems.push(m.badGlobs(path));
  for (const g of v) if (g.startsWith('!')) problems.push(m.negatedGlob(path, g));
}

function validateRules(v: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badRules);
  for (const [code, level] of Object.entries(v)) {
    if (!(FINDING_CODES as readonly string[]).includes(code)) problems.push(m.unknownCode(code, closest(code, FINDING_CODES)));
    if (!['error', 'warn', 'warning', 'off'].includes(level as string)) problems.push(m.badRuleLevel(code, String(level)));
  }
}

function validateTimeout(v: unknown, problems: string[]): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_MIGRATION_TIMEOUT) problems.push(m.badTimeout(MAX_MIGRATION_TIMEOUT, v));
}

/** A glob of `generated[].files` that reaches outside the project: absolute, a drive, or a '..' segment. */
function outsideProject(glob: string): boolean {
  const g = glob.replace(/^!/, '');
  return isAbsolute(g) || /^[A-Za-z]:/.test(g) || g.split(/[\\/]/).includes('..');
}

function validateGenerated(v: unknown, problems: string[]): void {
  if (!Array.isArray(v)) return void problems.push(m.badGenerated);
  v.forEach((entry, i) => {
    const path = `generated[${i}]`;
    if (!isObject(entry)) return void problems.push(m.badGeneratedEntry(path));
    unknownKeys(entry, 'generated[]', path, problems);
    if (!isString(entry.run)) problems.push(m.badGeneratedRun(path));
    if (!(isStringArray(entry.files) && entry.files.length > 0)) return void problems.push(m.badGlobs(`${path}.files`, true));
    // The files are compared inside the project (and removed from its copy before the command runs): never outside it.
    for (const g of entry.files) if (outsideProject(g)) problems.push(m.generatedGlobOutside(`${path}.files`, g));
    if (entry.files.every((g) => g.startsWith('!'))) problems.push(m.generatedGlobNegated(`${path}.files`));
  });
}

function validateNames(v: unknown, problems: string[]): void {
  const path = 'conventions.names';
  if (!isObject(v)) return void problems.push(m.badShape(path, m.shapes.names));
  unknownKeys(v, path, path, problems);
  if (v.case !== undefined && !(NAME_CASES as readonly string[]).includes(v.case as string)) problems.push(m.badCase(String(v.case), NAME_CASES));
  if (v.forbid !== undefined && !(isObject(v.forbid) && Object.values(v.forbid).every((x) => typeof x === 'string'))) {
    problems.push(m.badShape(`${path}.forbid`, m.shapes.forbid));
  }
  if (v.severity !== undefined && !isSeverity(v.severity)) problems.push(m.badSeverity(`${path}.severity`));
}

function validateRequiredColumns(v: unknown, problems: string[]): void {
  if (!Array.isArray(v)) return void problems.push(m.badShape('conventions.requiredColumns', m.shapes.requiredColumns));
  v.forEach((entry, i) => {
    const path = `conventions.requiredColumns[${i}]`;
    if (!isObject(entry)) return void problems.push(m.badShape(path, m.shapes.requiredColumn));
    unknownKeys(entry, 'conventions.requiredColumns[]', path, problems);
    if (!(isString(entry.tables) || (isStringArray(entry.tables) && entry.tables.length > 0))) problems.push(m.badShape(`${path}.tables`, m.shapes.tables));
    if (!isString(entry.column)) problems.push(m.badShape(`${path}.column`, m.shapes.column));
    if (entry.type !== undefined && !isString(entry.type)) problems.push(m.badShape(`${path}.type`, m.shapes.type));
    if (entry.notNullable !== undefined && typeof entry.notNullable !== 'boolean') problems.push(m.badShape(`${path}.notNullable`, m.shapes.boolean));
    if (entry.default !== undefined && !isString(entry.default)) problems.push(m.badShape(`${path}.default`, m.shapes.default));
    if (entry.severity !== undefined && !isSeverity(entry.severity)) problems.push(m.badSeverity(`${path}.severity`));
  });
}

/** The long form of conventions.explicitOnDelete: allowed actions by nullability. */
function validateOnDelete(v: Obj, problems: string[]): void {
  const path = 'conventions.explicitOnDelete';
  unknownKeys(v, path, path, problems);
  const isAction = (a: unknown) => (ON_DELETE_ACTIONS as readonly unknown[]).includes(a);
  for (const k of ['nullable', 'notNullable']) {
    const a = v[k];
    if (a !== undefined && !(isAction(a) || (Array.isArray(a) && a.length > 0 && a.every(isAction)))) problems.push(m.badOnDeleteAction(`${path}.${k}`, ON_DELETE_ACTIONS));
  }
  if (v.severity !== undefined && !isSeverity(v.severity)) problems.push(m.badSeverity(`${path}.severity`));
}

function validateConventions(v: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badShape('conventions', m.shapes.conventions));
  unknownKeys(v, 'conventions', 'conventions', problems);
  if (v.names !== undefined) validateNames(v.names, problems);
  if (v.requiredColumns !== undefined) validateRequiredColumns(v.requiredColumns, problems);
  for (const k of ['primaryKey', 'indexedForeignKeys']) {
    if (v[k] !== undefined && !isSwitch(v[k])) problems.push(m.badShape(`conventions.${k}`, m.shapes.switch));
  }
  if (isObject(v.explicitOnDelete)) validateOnDelete(v.explicitOnDelete, problems);
  else if (v.explicitOnDelete !== undefined && !isSwitch(v.explicitOnDelete)) problems.push(m.badShape('conventions.explicitOnDelete', m.shapes.onDelete));
  if (v.severity !== undefined && !isSeverity(v.severity)) problems.push(m.badSeverity('conventions.severity'));
  if (v.ignore !== undefined) validateTableGlobs(v.ignore, 'conventions.ignore', problems);
  if (v.since !== undefined && !isString(v.since)) problems.push(m.badShape('conventions.since', m.shapes.since));
}

function validateFrom(v: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badShape('from', m.shapes.from));
  unknownKeys(v, 'from', 'from', problems);
  for (const k of ['knexTypes', 'drizzle', 'objection']) {
    if (v[k] !== undefined && !(isStringArray(v[k]) && (v[k] as string[]).length > 0)) problems.push(m.badShape(`from.${k}`, m.shapes.globs));
  }
  if (v.typeorm !== undefined && !isString(v.typeorm)) problems.push(m.badShape('from.typeorm', m.shapes.typeorm));
}

function validateMigrations(v: unknown, knexfile: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badShape('migrations', sqlText.shapes.migrations));
  unknownKeys(v, 'migrations', 'migrations', problems);
  if (!isString(v.sql)) problems.push(m.badShape('migrations.sql', sqlText.shapes.sql));
  if (v.format !== undefined && !(SQL_FORMATS as readonly unknown[]).includes(v.format)) problems.push(m.badShape('migrations.format', sqlText.shapes.format));
  if (knexfile !== undefined) problems.push(sqlText.bothSources);
}

function validateStages(v: unknown, problems: string[]): void {
  if (!isObject(v)) return void problems.push(m.badStages);
  unknownKeys(v, 'stages', 'stages', problems);
  if (v.static !== undefined && !isStringArray(v.static)) problems.push(m.badStatic);
  for (const k of ['unit', 'integration']) {
    if (v[k] !== undefined && v[k] !== false && !isString(v[k])) problems.push(m.badCommand(`stages.${k}`));
  }
}

/** Use to validate a raw config value: throws one CONFIG_INVALID listing every problem. */
export function validate(raw: unknown, source: string): UserConfig {
  if (!isObject(raw)) throw new PccError('CONFIG_INVALID', m.configInvalid(source, [m.notAnObject]), { hint: m.configInvalidHint });
  const problems: string[] = [];
  unknownKeys(raw, '', '', problems);
  const c = raw;
  if (c.models !== undefined && !(isStringArray(c.models) && c.models.length > 0)) problems.push(m.badModels);
  if (c.from !== undefined) validateFrom(c.from, problems);
  if (c.knexfile !== undefined && !isString(c.knexfile)) problems.push(m.badKnexfile);
  if (c.migrations !== undefined) validateMigrations(c.migrations, c.knexfile, problems);
  if (c.database !== undefined) validateDatabase(c.database, problems);
  if (c.ignore !== undefined) validateIgnore(c.ignore, problems);
  if (c.rules !== undefined) validateRules(c.rules, problems);
  if (c.migrationTimeout !== undefined) validateTimeout(c.migrationTimeout, problems);
  if (c.generated !== undefined) validateGenerated(c.generated, problems);
  if (c.conventions !== undefined) validateConventions(c.conventions, problems);
  if (c.stages !== undefined) validateStages(c.stages, problems);
  if (problems.length) throw new PccError('CONFIG_INVALID', m.configInvalid(source, problems), { hint: m.configInvalidHint });
  return c as UserConfig;
}
