// The Drizzle source (`from.drizzle`): modules of pgTable / pgSchema().table / pgEnum declarations,
// read through the project's own drizzle-orm (getTableConfig) into full-fidelity models, which then
// go through the same validation, DDL, catalog and diff as defineModel's. Views, sequences, policies
// and enums no column uses are not read.
import { findModelFiles } from '../../model-api/load.ts';
import type { ModelSource } from '../types.ts';
import { detectDrizzle } from './detect.ts';
import { drizzleHint } from './hint.ts';
import { loadDrizzleTables } from './load.ts';

/** Use through src/sources/index.ts (SOURCES.drizzle). */
export const drizzleSource: ModelSource<'drizzle'> = {
  key: 'drizzle',
  files: (root, globs) => findModelFiles(root, globs),
  load: (ctx, globs) => loadDrizzleTables(ctx, globs),
  detect: (root, pkg) => detectDrizzle(root, pkg),
  hint: (finding, model) => drizzleHint(finding, model),
};
