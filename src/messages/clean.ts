// User-facing text of `pre-commit-check clean` (src/cli/commands/clean.ts).
import type { Swept } from '../postgres/sweep.ts';

/** "left by pid 123 on host, started …" from the comment a run puts on its scratch database. */
const madeBy = (comment: string) => `left by ${comment.split(';')[0]!.replace(/^.*? of (pid )/, '$1')}`;

export const cleanMessages = {
  nothing: 'nothing to clean: no server, directory, shared memory or scratch database of a dead run was found',
  removed: (s: Swept): string => {
    switch (s.kind) {
      case 'server':
        return `stopped the embedded PostgreSQL (${s.detail}) of a dead run in ${s.path}`;
      case 'process':
        return `stopped initdb or a process (${s.detail}) of a dead run in ${s.path}`;
      case 'shared-memory':
        return `removed the shared memory ${s.detail} of a dead run in ${s.path}`;
      case 'snapshot':
        return `removed the staged snapshot ${s.path} of a dead hook run`;
      case 'socket-dir':
        return `removed the socket directory ${s.path} of a dead run`;
      case 'temp-dir':
        return `removed the half-written ${s.path} of a dead run`;
      case 'run-dir':
        return `removed the run directory ${s.path}`;
    }
  },
  failed: (s: Swept) => `could not remove ${s.path}: ${s.failed}`,
  dropped: (name: string, server: string, comment: string | null) =>
    `dropped the scratch database ${name} on ${server}${comment ? ` (${madeBy(comment)})` : ''}`,
  dropFailed: (name: string, reason: string) => `could not drop the scratch database ${name}: ${reason}`,
  keptOwned: (count: number) => `left ${count} scratch database${count === 1 ? '' : 's'} that a live run owns`,
  keptInUse: (names: string[]) =>
    `left ${names.join(', ')}: made by an older version (no owner recorded) and someone is connected to ${names.length === 1 ? 'it' : 'them'}`,
};
