// The programmatic API: checkProject(options) runs the consistency check and returns the report.
import type { Report } from '../diff/findings.ts';

export interface CheckOptions {
  /** Project root (default process.cwd()). */
  cwd?: string;
  /** Explicit config file. */
  config?: string;
  /** Override config.models. */
  models?: string[];
  /** Override config.knexfile. */
  knexfile?: string;
  /** Use this server instead of the embedded one. */
  databaseUrl?: string;
  /** false = --no-cache. */
  cache?: boolean;
  /** Also run the migration round trip. */
  full?: boolean;
  /** Called while the migrated scratch database is alive (the orchestrator's integration stage). */
  integration?: (databaseUrl: string) => Promise<void>;
}

/** Run the consistency check of contract section 4 and return the report of section 5. */
export async function checkProject(_options: CheckOptions = {}): Promise<Report> {
  throw new Error('not implemented yet');
}
