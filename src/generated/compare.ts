// Committed files against what a generator wrote: which differ, and a short unified diff of them.
// Pure: both sides come in as maps of project-relative path -> content.
import { unifiedHunks } from './text-diff.ts';

/** How one file differs: changed content, written but not committed, or committed but no longer written. */
export interface FileChange {
  /** Relative to the project root, '/'-separated. */
  path: string;
  kind: 'changed' | 'added' | 'removed';
}

/** The longest diff a finding carries, in lines; the rest is counted, not shown. */
export const MAX_DIFF_LINES = 60;

/** Use to list what differs between the committed files and the generated ones, sorted by path. */
export function compareFiles(committed: ReadonlyMap<string, Buffer>, written: ReadonlyMap<string, Buffer>): FileChange[] {
  const paths = [...new Set([...committed.keys(), ...written.keys()])].sort();
  const out: FileChange[] = [];
  for (const path of paths) {
    const a = committed.get(path);
    const b = written.get(path);
    if (a && b) {
      if (!a.equals(b)) out.push({ path, kind: 'changed' });
    } else out.push({ path, kind: a ? 'removed' : 'added' });
  }
  return out;
}

const isBinary = (b: Buffer | undefined) => b !== undefined && b.subarray(0, 8000).includes(0);

/** The diff lines of one file: headers, then hunks (or one line saying a binary file differs). */
function fileDiff(change: FileChange, a: Buffer | undefined, b: Buffer | undefined): string[] {
  const header = [change.kind === 'added' ? '--- /dev/null' : `--- a/${change.path}`, change.kind === 'removed' ? '+++ /dev/null' : `+++ b/${change.path}`];
  if (isBinary(a) || isBinary(b)) return [...header, `Binary file ${change.path} differs`];
  const hunks = unifiedHunks(a?.toString('utf8') ?? '', b?.toString('utf8') ?? '');
  // Same text, different bytes: only a line ending or the final newline changed.
  if (hunks.length === 0) return [...header, `(${change.path}: only line endings or the final newline differ)`];
  return [...header, ...hunks];
}

/**
 * Use to render the diff a stale-generated finding shows: committed (a/) to generated (b/), every
 * file in turn, cut after `maxLines` lines with a last line saying how many were left out.
 */
export function renderDiff(changes: FileChange[], committed: ReadonlyMap<string, Buffer>, written: ReadonlyMap<string, Buffer>, maxLines = MAX_DIFF_LINES, more: (n: number) => string = (n) => `… ${n} more lines`): string {
  const all = changes.flatMap((c) => fileDiff(c, committed.get(c.path), written.get(c.path)));
  if (all.length <= maxLines) return all.join('\n');
  return [...all.slice(0, maxLines), more(all.length - maxLines)].join('\n');
}
