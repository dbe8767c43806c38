// A last line of defence against leaks when our process dies without running any handler
// (SIGKILL, OOM killer, a crash in native code): a tiny detached `sh` holds the read end of a pipe
// from us. When we die, the kernel closes our end, its `read` returns, and it stops the server
// (SIGINT = fast shutdown, SIGKILL after 10 s) and removes the run's temp directory. On a normal
// stop we tell it "done" and it exits without touching anything.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

const SCRIPT = `
read -r line
[ "$line" = done ] && exit 0
kill -INT "$1" 2>/dev/null
i=0
while kill -0 "$1" 2>/dev/null; do
  i=$((i+1))
  [ "$i" -eq 100 ] && kill -KILL "$1" 2>/dev/null
  sleep 0.1
done
shift
rm -rf "$@"
`;

export interface Watchdog {
  /** The server stopped and its files are gone: let the watchdog exit without acting. */
  release(): void;
}

/** Start a watchdog that stops `pid` and removes `dirs` if this process dies first; a no-op when /bin/sh is missing. */
export function startWatchdog(pid: number, dirs: string[]): Watchdog {
  let child: ChildProcess | undefined;
  try {
    child = spawn('/bin/sh', ['-c', SCRIPT, 'pcc-pg-watchdog', String(pid), ...dirs], {
      detached: true, // its own process group: a Ctrl-C to ours does not kill it before it acts
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.on('error', () => {});
    child.stdin!.on('error', () => {});
    child.unref();
    (child.stdin as unknown as Socket).unref?.();
  } catch {
    child = undefined;
  }
  let released = false;
  return {
    release() {
      if (released || !child) return;
      released = true;
      try {
        child.stdin!.end('done\n');
      } catch {
        // it is gone already
      }
    },
  };
}
