// Temporary git repositories for the runner and init tests, and a tiny XML well-formedness check.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cleanGitEnv, GIT_LOCAL_ENV } from '../../src/runner/exec.ts';

export interface TempRepo {
  dir: string;
  git: (...args: string[]) => string;
  write: (rel: string, content: string) => void;
  read: (rel: string) => string;
  remove: () => void;
}

const gitEnv = () => ({
  ...cleanGitEnv(process.env),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
});

/** A fresh `git init` in os.tmpdir(); call remove() in an after/afterEach hook. */
export function makeRepo(prefix = 'pcc-runner-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    write: (rel, content) => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Run the tests free of the outer repository's git variables: under this repository's own
 * pre-commit hook, GIT_INDEX_FILE & co. would point lint-staged and git at the outer index.
 */
export function isolateGitEnv(): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const k of GIT_LOCAL_ENV) {
    saved[k] = process.env[k];
    delete process.env[k];
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  };
}

/** Throws unless `xml` is well-formed enough for a JUnit consumer: balanced tags, valid entities, quoted attributes. */
export function assertWellFormedXml(xml: string): void {
  let body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  let roots = 0;
  while ((m = token.exec(body))) {
    consumed = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const checkEntities = (s: string) => {
      for (const e of s.matchAll(/&([^;\s]*);?/g)) {
        if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(e[1]!) || !e[0].endsWith(';')) {
          throw new Error(`bad entity ${e[0]}`);
        }
      }
    };
    if (text !== undefined) {
      if (stack.length === 0 && text.trim()) throw new Error(`text outside the root: ${text}`);
      checkEntities(text);
      continue;
    }
    checkEntities(attrs ?? '');
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  if (consumed !== body.length) throw new Error(`unparsable XML at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
  if (stack.length) throw new Error(`unclosed ${stack.join(',')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}
