// conventions.since: which migration files are not on the base branch yet. IO (git), kept apart from
// the pure rules: the files that differ between the merge base of HEAD and the ref, and the working
// tree or the index (staged or not), plus untracked ones, under the migration directories.
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PccError } from '../errors.ts';
import { conventionMessages as m } from '../messages/conventions.ts';

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
  // Loaded here, not at the top: the package's entry (which config files import) must not load execa,
  // an ESM-only package that a config loaded as CommonJS cannot require.
  const [{ runGit }, { projectOfSnapshot }] = await Promise.all([import('../runner/exec.ts'), import('../runner/snapshot.ts')]);
  const project = projectOfSnapshot(root);
  const git = async (args: string[], cwd = project) => {
    const r = await runGit(args, { cwd });
    return { ok: r.ok, out: r.output.trim(), why: (r.output || r.shortMessage || '').trim().split('\n')[0] ?? '' };
  };
  const topLevel = await git(['rev-parse', '--show-toplevel']);
  if (!topLevel.ok) throw new PccError('NOT_A_GIT_REPOSITORY', m.sinceFailed(since, `${project} is not in a git repository`), { hint: m.sinceFailedHint(since) });
  const top = topLevel.out;
  const base = await git(['merge-base', 'HEAD', since]);
  if (!base.ok || !base.out) {
    const ref = await git(['rev-parse', '--verify', '--quiet', `${since}^{commit}`]);
    const reason = ref.ok ? `HEAD and '${since}' have no common commit (${base.why || 'git merge-base found none'})` : `no such commit or branch here`;
    throw new PccError('CONFIG_INVALID', m.sinceFailed(since, reason), { hint: m.sinceFailedHint(since) });
  }
  const mergeBase = base.out;
  const realProject = realpathSync(project); // git prints real paths
  // From the top level: in a hook, GIT_INDEX_FILE may be relative to it. Pathspecs are then relative to it too.
  const specs = dirs ? ['--', ...dirs.map((d) => toPosix(relative(top, join(realProject, relative(root, d)))) || '.')] : [];
  const lists = await Promise.all([
    git(['diff', '--name-only', '--no-renames', '-z', mergeBase, ...specs], top),
    git(['diff', '--cached', '--name-only', '--no-renames', '-z', mergeBase, ...specs], top),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z', ...specs], top),
  ]);
  const failed = lists.find((l) => !l.ok);
  if (failed) throw new PccError('GIT_FAILED', m.sinceFailed(since, failed.why), { hint: m.sinceFailedHint(since) });
  const files = new Set<string>();
  for (const l of lists) {
    // git prints paths relative to the top level; the check names migrations relative to the project
    for (const p of l.out.split('\0').filter(Boolean)) files.add(toPosix(relative(realProject, join(top, p))));
  }
  return { since, mergeBase, files: [...files].sort() };
}
