// `npm run bench`, section large-repo: hook mode in a generated repository of 50,000 files (the
// reference schema plus generated source files and docs), beside lint-staged alone, in one run: a
// hook's cost must not grow with the repository (issue 12, item 6). Three commits: nothing the
// check reads staged, a model staged, a migration staged. Each repetition stages a fresh change and
// runs, on that same index, lint-staged alone, then `pre-commit-check --hook` (lint-staged and the
// check; no unit stage), then, with BENCH_BEFORE, the older checkout's hook the same way.
import { spawnSync, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LargeRepoInput {
  /** The reference-schema project to copy (knexfile, models, migrations, node_modules/pre-commit-check). */
  ref: string;
  /** Where to build the repository. */
  work: string;
  /** This checkout's root (its bin and lint-staged). */
  tool: string;
  /** An older checkout, for a before column. */
  before?: string;
  files: number;
  reps: number;
  /** The project config (models glob, stages: no static, no unit). */
  config: string;
  someModel: (dir: string) => string;
  someMigration: (dir: string) => string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const ENV = { ...process.env, NO_COLOR: '1', CI: '' };

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'gc.auto=0', ...args], { cwd, stdio: 'ignore' });
}

/** Wall time of a command, and its combined output. */
function timed(file: string, args: string[], cwd: string): { wallMs: number; text: string; ok: boolean } {
  const t0 = performance.now();
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', env: ENV, maxBuffer: 64 << 20 });
  return { wallMs: performance.now() - t0, text: `${r.stdout}\n${r.stderr}`, ok: r.status === 0 };
}

/** The repository: the reference project, `files` generated source files (100 per folder) and a README, committed. */
function build(input: LargeRepoInput): string {
  const dir = path.join(input.work, 'large-repo');
  cpSync(input.ref, dir, { recursive: true, verbatimSymlinks: true });
  rmSync(path.join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
  writeFileSync(path.join(dir, 'pre-commit-check.config.ts'), input.config);
  // lint-staged runs a no-op on what is staged: its own cost (backup stash, diff, restore) is the baseline.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-large', private: true, type: 'module', 'lint-staged': { '*': 'node -e ""' } }));
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  writeFileSync(path.join(dir, 'README.md'), '# large\n');
  for (let i = 0; i < input.files; i++) {
    const folder = path.join(dir, 'src', 'gen', String(Math.floor(i / 100)).padStart(4, '0'));
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `f${i}.ts`), `export const v${i} = ${i};\n`);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init', '--no-verify');
  return dir;
}

/** The check task's line and its duration in ms (0 when skipped, NaN when not found). */
function checkLine(text: string): { ms: number; line: string } {
  const line = text.split('\n').filter((l) => l.includes('Consistency check')).pop() ?? '';
  const m = /\((\d+(?:\.\d+)?)(ms|s)\)/.exec(line);
  return { ms: m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : /SKIPPED|skipped/.test(line) ? 0 : NaN, line: line.replace(/^\W+/, '').trim() };
}

/** Use from bench/run.ts: the section's Markdown lines. */
export function largeRepoSection(input: LargeRepoInput): string[] {
  const dir = build(input);
  const link = path.join(dir, 'node_modules', 'pre-commit-check');
  const use = (tool: string) => {
    rmSync(link, { force: true });
    symlinkSync(tool, link);
  };
  const lintStaged = path.join(input.tool, 'node_modules', '.bin', 'lint-staged');
  const sides: Array<[string, string]> = [['after', input.tool], ...(input.before ? [['before', input.before] as [string, string]] : [])];
  // The caches a developer's earlier runs would have filled (template, migrated schema), for each side.
  for (const [, tool] of sides) {
    use(tool);
    timed(path.join(tool, 'bin', 'pre-commit-check'), ['check'], dir);
  }
  const cases: Array<[string, (tag: string) => void]> = [
    ['nothing the check reads (README.md and a source file outside the schema)', (tag) => {
      appendFileSync(path.join(dir, 'README.md'), `${tag}\n`);
      appendFileSync(path.join(dir, 'src', 'gen', '0000', 'f0.ts'), `// ${tag}\n`);
    }],
    ['a model', (tag) => appendFileSync(input.someModel(dir), `// ${tag}\n`)],
    ['a migration', (tag) => appendFileSync(input.someMigration(dir), `// ${tag}\n`)],
  ];
  const rows: string[] = [];
  for (const [name, change] of cases) {
    const runs: Record<string, number[]> = { lint: [], after: [], before: [], check: [] };
    let line = '';
    for (let rep = 0; rep < input.reps; rep++) {
      change(`bench ${name} ${rep} ${Date.now()}`);
      git(dir, 'add', '-A');
      runs.lint!.push(timed(lintStaged, [], dir).wallMs);
      for (const [who, tool] of sides) {
        use(tool);
        const r = timed(path.join(tool, 'bin', 'pre-commit-check'), ['--hook'], dir);
        runs[who]!.push(r.wallMs);
        if (who === 'after') {
          const c = checkLine(r.text);
          runs.check!.push(c.ms);
          line = r.ok ? c.line : `FAILED: ${r.text.trim().split('\n').slice(-3).join(' | ')}`;
        }
      }
      git(dir, 'commit', '-qm', `${name} ${rep}`, '--no-verify');
    }
    use(input.tool);
    const before = input.before ? `${ms(median(runs.before!))} | ` : '';
    rows.push(`| ${name} | ${ms(median(runs.lint!))} | ${before}${ms(median(runs.after!))} | ${ms(median(runs.check!))} | ${line} |`);
  }
  return [
    `## Hook mode in a generated repository of ${input.files.toLocaleString('en')} files, beside lint-staged alone`,
    '',
    `The reference schema (22 tables) plus ${input.files.toLocaleString('en')} generated source files, one commit each time; lint-staged configured with a no-op task on every staged file. Wall time, median of ${input.reps}, interleaved on the same staged index: lint-staged alone, then \`pre-commit-check --hook\` (lint-staged and the check on the staged files; no unit stage)${input.before ? ', then the older checkout (BENCH_BEFORE) the same way' : ''}.`,
    '',
    `| staged | lint-staged alone | ${input.before ? 'pre-commit-check --hook, before | ' : ''}pre-commit-check --hook | check stage | check task line |`,
    `|---|---|${input.before ? '---|' : ''}---|---|---|`,
    ...rows,
    '',
  ];
}
