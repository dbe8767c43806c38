// The hook's staged snapshot goes with the run's other cleanups on a signal: the interrupt handler
// may then raise the signal again with its default action, and no 'exit' listener runs after that.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

describe('runner/snapshot', () => {
  it('is removed by the shutdown cleanups a signal runs, not only at exit', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'pcc-snap-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: repo });
      writeFileSync(path.join(repo, 'a.txt'), 'a\n');
      execFileSync('git', ['add', 'a.txt'], { cwd: repo });
      // In a process of its own: runShutdown runs every cleanup registered in the process.
      const script = `
        import { existsSync } from 'node:fs';
        const { openSnapshot } = await import(${JSON.stringify(pathToFileURL(path.join(SRC, 'runner/snapshot.ts')).href)});
        const { runShutdown } = await import(${JSON.stringify(pathToFileURL(path.join(SRC, 'postgres/cleanup.ts')).href)});
        const s = await openSnapshot(${JSON.stringify(repo)});
        await s.addAll();
        const before = existsSync(s.dir + '/a.txt');
        await runShutdown();
        console.log(JSON.stringify({ before, after: existsSync(s.dir) }));
        process.kill(process.pid, 'SIGKILL'); // no 'exit' listener may do the work
      `;
      let out = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      } catch (error) {
        out = (error as { stdout: string }).stdout;
      }
      expect(JSON.parse(out.trim())).to.deep.equal({ before: true, after: false });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
