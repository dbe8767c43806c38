// conventions.since: which migration files are not on the base branch yet. IO (git), kept apart from
// the pure rules: the files that differ between the merge base of HEAD and the ref, and the working
// tree or the index (staged or not), plus untracked ones, under the migration directories.
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { PccError } from '../errors.ts';
import { conventionMessages as m } from '../messages/conventions.ts';
import { runGit } from '../runner/exec.ts';
import { projectOfSnapshot } from '../runner/snapshot.ts';

/** The migration files conventions.since lets the rules judge. */
export interface SinceScope {
  /** The ref as configured ('origin/main'). */
  since: string;
  /** The merge base of HEAD and the ref. */
  mergeBase: string;
  /** Changed files, relative to the project root, forward slashes, sorted. */
  files: string[];
}

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * Use when conventions.since is set, before the check (the result cache is keyed on it). `root` is
 * the check's project root, possibly the staged snapshot (git runs in the real project then); `dirs`
 * are the migration directories (absolute), or undefined to take every changed file.
 * Throws PccError (exit 2) outside a git repository or when the ref does not resolve.
 */
export async function sinceScope(root: string, since: string, dirs: readonly string[] | undefined): Promise<SinceScope> {
  const cwd = projectOfSnapshot(root);
  const git = async (args: string[]) => {
    const r = await runGit(args, { cwd });
    return { ok: r.ok, out: r.output.trim(), why: (r.output || r.shortMessage || '').trim().split('\n')[0] ?? '' };
  };
  const top = await git(['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new PccError('NOT_A_GIT_REPOSITORY', m.sinceFailed(since, `${cwd} is not in a git repository`), { hint: m.sinceFailedHint(since) });
  const base = await git(['merge-base', 'HEAD', since]);
  if (!base.ok || !base.out) {
    const ref = await git(['rev-parse', '--verify', '--quiet', `${since}^{commit}`]);
    const reason = ref.ok ? `HEAD and '${since}' have no common commit (${base.why || 'git merge-base found none'})` : `no such commit or branch here`;
    throw new PccError('CONFIG_INVALID', m.sinceFailed(since, reason), { hint: m.sinceFailedHint(since) });
  }
  const mergeBase = base.out;
  const realCwd = realpathSync(cwd); // git prints real paths
  const specs = dirs ? ['--', ...dirs.map((d) => toPosix(relative(root, d)) || '.')] : [];
  const lists = await Promise.all([
    git(['diff', '--name-only', '--no-renames', '-z', mergeBase, ...specs]),
    git(['diff', '--cached', '--name-only', '--no-renames', '-z', mergeBase, ...specs]),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z', ...specs]),
  ]);
  const failed = lists.find((l) => !l.ok);
  if (failed) throw new PccError('GIT_FAILED', m.sinceFailed(since, failed.why), { hint: m.sinceFailedHint(since) });
  const files = new Set<string>();
  for (const l of lists) {
    for (const p of l.out.split('\0').filter(Boolean)) {
      const abs = join(top.out, p); // git prints paths relative to the top level
      const rel = relative(realCwd, abs);
      if (!rel.startsWith('..') && !isAbsolute(rel)) files.add(toPosix(rel));
    }
  }
  return { since, mergeBase, files: [...files].sort() };
}
