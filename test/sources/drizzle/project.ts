// Temporary projects for the Drizzle source's tests: files on disk that import drizzle-orm, resolved
// (like the fixtures) from this repository's node_modules.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, makeProject, type TempProject } from '../../helpers/project.ts';

/** Use for a project whose schema files import drizzle-orm. */
export function drizzleProject(files: Record<string, string>): TempProject {
  const p = makeProject(files);
  symlinkSync(join(REPO, 'node_modules/drizzle-orm'), join(p.dir, 'node_modules/drizzle-orm'));
  return p;
}
