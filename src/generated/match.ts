// Which project files the config's `generated` entries list (picomatch, dot files included).
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/types.ts';

/** Use to tell whether a project-relative path is one of the files `generated` lists. */
export function generatedMatcher(config: Pick<ResolvedConfig, 'generated'>): (relPath: string) => boolean {
  const globs = config.generated.flatMap((e) => e.files);
  if (globs.length === 0) return () => false;
  const isMatch = picomatch(globs, { dot: true });
  return (rel) => isMatch(rel.split(path.sep).join('/'));
}
