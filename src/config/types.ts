// The configuration of contract section 2, as written by users and as resolved with defaults.
import type { FindingCode } from '../diff/findings.ts';

/** What a user writes in pre-commit-check.config.* or package.json "preCommitCheck". */
export interface UserConfig {
  models?: string[];
  knexfile?: string;
  database?: 'embedded' | { url: string };
  ignore?: { tables?: string[] };
  rules?: Partial<Record<FindingCode, 'error' | 'warn' | 'warning' | 'off'>>;
  stages?: {
    static?: string[];
    unit?: string | false;
    integration?: string | false;
  };
}

/** The config with every default filled in and paths resolved. */
export interface ResolvedConfig {
  root: string;
  /** Where the config came from (relative path), or null for defaults only. */
  source: string | null;
  models: string[];
  knexfile: string;
  /** True when the knexfile was named (config or --knexfile): then no other knexfile name is tried. */
  knexfileExplicit: boolean;
  database: 'embedded' | { url: string };
  ignore: { tables: string[] };
  rules: Partial<Record<FindingCode, 'error' | 'warn' | 'warning' | 'off'>>;
  stages: { static: string[]; unit: string | false; integration: string | false };
}

export const DEFAULT_CONFIG: Omit<ResolvedConfig, 'root' | 'source' | 'knexfileExplicit'> = {
  models: ['src/models/**/*.{ts,js}'],
  knexfile: 'knexfile.ts',
  database: 'embedded',
  ignore: { tables: [] },
  rules: {},
  stages: { static: ['tsc --noEmit'], unit: 'mocha', integration: false },
};

/** Typed identity for config files: export default defineConfig({...}). */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
