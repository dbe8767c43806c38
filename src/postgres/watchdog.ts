// A last line of defence against leaks when our process dies without running any handler
// (SIGKILL, OOM killer, a crash in native code): a tiny detached `sh` holds the read end of a pipe
// from us. When we die, the kernel closes our end, its `read` returns, and it stops what this run
// started and removes the run's directory. On a normal stop we tell it "done" and it exits without
// touching anything.
//
// It starts before initdb or postgres is spawned, and knows them by the run's pid file: every such
// program is started through recorded() below, which appends its pid to <run>/pids BEFORE the program
// runs (the shell writes its own pid, then execs the program under that pid), so a SIGKILL at any
// moment leaves a record. A pid counts only while its command line still names the run's data
// directory (a pid reused by another program is never signalled). initdb and the postmaster both
// treat SIGINT as "stop cleanly" (initdb waits for its bootstrap backend and removes the data
// directory; the postmaster does a fast shutdown and frees its shared memory); SIGKILL follows after
// 10 s. A server that still did not shut down cleanly leaves data/postmaster.pid, which names its
// shared memory segment: the directory is then left for the next run's sweep or `pre-commit-check
// clean` (sweep.ts), which can prove what that segment belongs to.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';

/** The file, in a run's directory, that lists the pids of the programs started for the run. */
export const PIDS_FILE = 'pids';
const SHELL = '/bin/sh';

const SCRIPT = `
read -r line
[ "$line" = done ] && exit 0
run=$1; data=$2; shift 2
ours() {
  if [ -r "/proc/$1/cmdline" ]; then
    tr '\\000' ' ' < "/proc/$1/cmdline" | grep -qF -- "$data"
  else
    ps -p "$1" -o args= 2>/dev/null | grep -qF -- "$data"
  fi
}
running() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  case $(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) in Z|X|'') return 1;; esac
  return 0
}
pids=
for p in $(cat "$run/${PIDS_FILE}" 2>/dev/null); do ours "$p" && pids="$pids $p"; done
[ -n "$pids" ] && kill -INT $pids 2>/dev/null
i=0
while :; do
  left=
  for p in $pids; do running "$p" && left="$left $p"; done
  [ -z "$left" ] && break
  i=$((i+1))
  [ "$i" -eq 100 ] && kill -KILL $left 2>/dev/null
  [ "$i" -gt 150 ] && exit 0
  sleep 0.1
done
[ -f "$data/postmaster.pid" ] && exit 0
rm -rf "$run" "$@"
`;

export interface Watchdog {
  /** Everything of the run stopped and its files are gone: let the watchdog exit without acting. */
  release(): void;
}

/**
 * Start a watchdog for the run in `runDir` (its data directory `dataDir`; `moreDirs` removed with it)
 * BEFORE anything is spawned; a no-op when /bin/sh is missing (the next run's sweep remains).
 */
export function startWatchdog(runDir: string, dataDir: string, moreDirs: string[] = []): Watchdog {
  let child: ChildProcess | undefined;
  try {
    child = spawn(SHELL, ['-c', SCRIPT, 'pcc-pg-watchdog', runDir, dataDir, ...moreDirs], {
      detached: true, // its own session: a Ctrl-C or hangup of our terminal does not kill it before it acts
      stdio: ['pipe', 'ignore', 'ignore'],
      cwd: '/',
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

/**
 * The command that runs `bin args` with its pid appended to `<runDir>/pids` before it starts (see
 * the file comment); `bin args` unchanged when there is no shell.
 */
export function recorded(runDir: string, bin: string, args: string[]): { command: string; args: string[] } {
  if (!existsSync(SHELL)) return { command: bin, args };
  return { command: SHELL, args: ['-c', 'echo $$ >> "$0" && exec "$@"', path.join(runDir, PIDS_FILE), bin, ...args] };
}
