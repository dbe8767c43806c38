// The configuration of contract section 2, as written by users and as resolved with defaults.
import type { FindingCode } from '../diff/findings.ts';

/** A finding code's level in `rules` ('warning' is accepted for 'warn'). */
export type RuleLevel = 'error' | 'warn' | 'warning' | 'off';

/** A convention rule that is on or off; 'error' or 'warn' turns it on at that severity. */
export type ConventionSwitch = boolean | 'error' | 'warn';

/** The identifier cases `conventions.names.case` accepts. */
export const NAME_CASES = ['snake_case', 'camelCase', 'PascalCase'] as const;

/** `conventions.names`: the case of table and column names, and names that must not be used (name -> what to use instead). */
export interface NamingConvention {
  case?: (typeof NAME_CASES)[number];
  forbid?: Record<string, string>;
  severity?: 'error' | 'warn';
}

/** One entry of `conventions.requiredColumns`: every table matching `tables` has this column. */
export interface RequiredColumn {
  /** Table globs as in ignore.tables ('*' for every table). */
  tables: string | string[];
  column: string;
  /** A type as a model writes it ('timestamp', 'uuid', 'varchar(255)'...). */
  type?: string;
  notNullable?: boolean;
  severity?: 'error' | 'warn';
}

/** `conventions`: schema rules, off by default (finding `convention-violation`). */
export interface Conventions {
  names?: NamingConvention;
  requiredColumns?: RequiredColumn[];
  primaryKey?: ConventionSwitch;
  indexedForeignKeys?: ConventionSwitch;
  explicitOnDelete?: ConventionSwitch;
  /** The severity of every rule that does not say its own (default 'warn'). */
  severity?: 'error' | 'warn';
  /** Table globs the conventions leave alone. */
  ignore?: string[];
  /** A git ref: only objects created by migrations added since it are judged. */
  since?: string;
}

/** One entry of `generated`: a command that writes files from the database, and the files it writes. */
export interface GeneratedFiles {
  /** Run with DATABASE_URL set to the migrated scratch database, in a copy of the project. */
  run: string;
  /** Globs of the files it writes, relative to the project root. */
  files: string[];
}

/** What a user writes in pre-commit-check.config.* or package.json "preCommitCheck". */
export interface UserConfig {
  models?: string[];
  knexfile?: string;
  database?: 'embedded' | { url: string };
  ignore?: { tables?: string[] };
  rules?: Partial<Record<FindingCode, RuleLevel>>;
  /** Seconds one migration may run before it is a migration-failed finding (default 120). */
  migrationTimeout?: number;
  generated?: GeneratedFiles[];
  conventions?: Conventions;
  stages?: {
    static?: string[];
    unit?: string | false;
    integration?: string | false;
  };
}

/** Where the unit stage's command came from: the config, a package.json script, mocha installed, or nothing (skipped). */
export type UnitSource = 'config' | 'test:unit script' | 'test script' | 'mocha' | 'none';

/** The config with every default filled in and paths resolved. */
export interface ResolvedConfig {
  /** The project root: the config file's directory, else the nearest package.json's, else the starting directory. */
  root: string;
  /** Where the config came from (relative to root), or null for defaults only. */
  source: string | null;
  models: string[];
  knexfile: string;
  /** True when the knexfile was named (config or --knexfile): then no other knexfile name is tried. */
  knexfileExplicit: boolean;
  database: 'embedded' | { url: string };
  ignore: { tables: string[] };
  rules: Partial<Record<FindingCode, RuleLevel>>;
  /** Seconds one migration may run (contract section 2; default 120). */
  migrationTimeout: number;
  generated: GeneratedFiles[];
  conventions: Conventions;
  stages: { static: string[]; unit: string | false; integration: string | false };
  /** Why stages.unit is what it is, when the config does not say (absent: the config said). */
  unitSource?: UnitSource;
}

export const DEFAULT_CONFIG: Omit<ResolvedConfig, 'root' | 'source' | 'knexfileExplicit' | 'unitSource'> = {
  models: ['src/models/**/*.{ts,js}'],
  knexfile: 'knexfile.ts',
  database: 'embedded',
  ignore: { tables: [] },
  rules: {},
  migrationTimeout: 120,
  generated: [],
  conventions: {},
  // unit: without a config value, the project's test script (src/config/defaults.ts); 'mocha' is the last resort.
  stages: { static: ['tsc --noEmit'], unit: 'mocha', integration: false },
};

/** Typed identity for config files: export default defineConfig({...}). */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
