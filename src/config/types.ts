// The configuration of contract section 2, as written by users and as resolved with defaults.
import type { FindingCode } from '../diff/findings.ts';

/** A finding code's level in `rules` ('warning' is accepted for 'warn'). */
export type RuleLevel = 'error' | 'warn' | 'warning' | 'off';

/** A convention rule that is on or off; 'error' or 'warn' turns it on at that severity. */
export type ConventionSwitch = boolean | 'error' | 'warn';

/** The identifier cases `conventions.names.case` accepts. */
export const NAME_CASES = ['snake_case', 'camelCase', 'PascalCase'] as const;

/**
 * `conventions.names`: the case of table, column, index and constraint names, and table or column
 * names that must not be used (name or glob -> what to use instead; '*_at': '*_date' carries the '*' over).
 */
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
  /**
   * Its type in SQL ('timestamp', 'uuid', 'varchar(255)', 'timestamptz'...). A type written without
   * length or time zone names the family: 'varchar' accepts any length, 'timestamp' both time zones.
   */
  type?: string;
  notNullable?: boolean;
  /** Its server default as SQL ('now()'); compared as the check compares defaults (now() = CURRENT_TIMESTAMP). */
  default?: string;
  severity?: 'error' | 'warn';
}

/** The ON DELETE actions a foreign key may state (Postgres's spelling). */
export const ON_DELETE_ACTIONS = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'] as const;
export type OnDeleteAction = (typeof ON_DELETE_ACTIONS)[number];

/**
 * `conventions.explicitOnDelete` in its long form: every foreign key states ON DELETE, and, by the
 * nullability of its columns, one of these actions (seed: nullable -> SET NULL, NOT NULL -> CASCADE or RESTRICT).
 */
export interface OnDeleteConvention {
  /** Actions allowed on a foreign key with a nullable column. */
  nullable?: OnDeleteAction | OnDeleteAction[];
  /** Actions allowed on a foreign key whose columns are all NOT NULL. */
  notNullable?: OnDeleteAction | OnDeleteAction[];
  severity?: 'error' | 'warn';
}

/** `conventions`: schema rules, off by default (finding `convention-violation`). */
export interface Conventions {
  names?: NamingConvention;
  requiredColumns?: RequiredColumn[];
  primaryKey?: ConventionSwitch;
  indexedForeignKeys?: ConventionSwitch;
  explicitOnDelete?: ConventionSwitch | OnDeleteConvention;
  /** The severity of every rule that does not say its own (default 'warn'). */
  severity?: 'error' | 'warn';
  /** Table globs the conventions leave alone. */
  ignore?: string[];
  /** A git ref: only objects that migrations added or changed since its merge base mention are judged. */
  since?: string;
}

/** One entry of `generated`: a command that writes files from the database, and the files it writes. */
export interface GeneratedFiles {
  /** Run with DATABASE_URL set to the migrated scratch database, in a copy of the project. */
  run: string;
  /** Globs of the files it writes, relative to the project root. */
  files: string[];
}

/**
 * `from`: models a project already has in another form (issue 14), read beside `models`. Each key is
 * one source (src/sources/<key>/); globs and paths are relative to the project root.
 */
export interface ModelSources {
  /** Files declaring `module 'knex/types/tables'` (Knex's own table types): shape only. */
  knexTypes?: string[];
  /** Modules of Drizzle `pgTable` / `pgEnum` declarations: full fidelity. */
  drizzle?: string[];
  /** A module exporting a TypeORM `DataSource` (its entities are read, no connection is opened): full fidelity. */
  typeorm?: string;
  /** Files of Objection model classes (tableName, idColumn, relationMappings): shape only. */
  objection?: string[];
}

/** Migrations that are a folder of SQL files instead of Knex migrations (src/migrations/sql/). */
export interface SqlMigrations {
  /** The folder, relative to the project root: 'drizzle', 'prisma/migrations', 'db/migrations'... */
  sql: string;
  /** Its format; told from the folder's contents when left out. */
  format?: 'drizzle-kit' | 'prisma' | 'dbmate' | 'plain';
}

/** What a user writes in pre-commit-check.config.* or package.json "preCommitCheck". */
export interface UserConfig {
  models?: string[];
  from?: ModelSources;
  knexfile?: string;
  /** A folder of SQL migrations (drizzle-kit, Prisma, dbmate, plain) in place of a knexfile. */
  migrations?: SqlMigrations;
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
  /** The `models` globs: none by default when `from` names other sources. */
  models: string[];
  from: ModelSources;
  knexfile: string;
  /** True when the knexfile was named (config or --knexfile): then no other knexfile name is tried. */
  knexfileExplicit: boolean;
  /** The SQL migrations folder, when the config names one and no --knexfile overrides it. */
  migrations?: SqlMigrations;
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
  from: {},
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
