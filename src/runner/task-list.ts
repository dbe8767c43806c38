// The planned stages as a listr2 task list: run together, titles updated live, one result per stage.
import { Listr, ListrLogger, ProcessOutput, type ListrTask, type ListrTaskWrapper } from 'listr2';
import { doneTitle, FAILS } from '../messages/runner.ts';
import type { RendererName } from './renderer.ts';
import type { Planned, StageResult } from './types.ts';

/** Use to run the planned stages: resolves with each one's result, in plan order; a stage that never finished is interrupted. */
export async function runTaskList(planned: Planned[], renderer: RendererName, output: NodeJS.WritableStream): Promise<StageResult[]> {
  const results = new Map<Planned, StageResult>();
  const logger = new ListrLogger({ processOutput: new ProcessOutput(output as NodeJS.WriteStream, output as NodeJS.WriteStream) });
  const tasks: ListrTask[] = planned.map((p) => ({
    title: p.title,
    task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) => {
      const r = await p.run((title, line) => {
        if (renderer !== 'simple') task.title = title;
        else if (line !== undefined) task.output = line;
      });
      results.set(p, r);
      if (r.skipped && r.ok) {
        // The simple renderer prints `title [SKIPPED: message]`; the others show the message alone.
        const reason = r.reason ?? 'skipped';
        task.skip(renderer === 'simple' ? reason.replace(/^skipped: /, '') : `${r.title}: ${reason}`);
        return;
      }
      task.title = doneTitle(r.title, r.durationMs) + (r.ok && r.reason ? ` — ${r.reason}` : '');
      if (!r.ok) throw new Error(r.reason ?? 'failed');
    },
  }));
  const list = new Listr(tasks, {
    concurrent: true,
    exitOnError: false,
    registerSignalListeners: false,
    renderer,
    fallbackRenderer: 'simple',
    rendererOptions: { logger, collapseErrors: false } as never,
    fallbackRendererOptions: { logger } as never,
  });
  try {
    await list.run();
  } catch {
    // exitOnError is false: stage failures are in `results`; anything else is a renderer problem.
  }
  return planned.map(
    (p) => results.get(p) ?? { name: p.name, title: p.title, ok: false, durationMs: 0, reason: FAILS.interrupted, interrupted: true },
  );
}
