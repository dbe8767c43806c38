// --full / --ci stages: the static commands one after another, the unit tests and the check alongside,
// and the integration tests on the check's migrated database once the unit tests are done.
import type { CheckOptions } from '../check/check-project.ts';
import { SKIPS, TITLES } from '../messages/runner.ts';
import { registerSecret } from '../util/secrets.ts';
import { runCheckStage } from './check-stage.ts';
import { deferred, type Deferred } from './deferred.ts';
import type { RunContext } from './run-context.ts';
import { commandStage, interruptedSkip, runUnitStage, skipped } from './stage-results.ts';
import type { Planned } from './types.ts';

/** Use for `--full` and `--ci`: plans every stage; they start together and wait for each other as needed. */
export function planFullStages(ctx: RunContext): Planned[] {
  const unitDone = deferred<void>();
  const unit: Planned = {
    name: 'unit',
    title: TITLES.unit(ctx.config.stages.unit),
    run: async () => {
      try {
        return await runUnitStage(ctx);
      } finally {
        unitDone.resolve();
      }
    },
  };
  return [...staticStages(ctx), unit, ...checkAndIntegration(ctx, unitDone)];
}

/** One stage per static command, each started when the one before has finished. */
function staticStages(ctx: RunContext): Planned[] {
  const statics = ctx.config.stages.static;
  if (statics.length === 0) {
    return [{ name: 'static', title: TITLES.staticNone, run: async () => skipped('static', TITLES.staticNone, SKIPS.staticNone) }];
  }
  let previous: Promise<unknown> = Promise.resolve();
  return statics.map((command): Planned => {
    const title = TITLES.static(command);
    const after = previous;
    const done = deferred<void>();
    previous = done.promise;
    return {
      name: 'static',
      title,
      run: async () => {
        try {
          await after;
          if (ctx.signal.aborted) return interruptedSkip('static', title);
          return commandStage('static', title, await ctx.exec(command));
        } finally {
          done.resolve();
        }
      },
    };
  });
}

/**
 * The check with round trip, and the integration stage. The check calls back with the migrated
 * database's URL; the integration stage runs then, and the check keeps the database alive until the
 * callback returns.
 */
function checkAndIntegration(ctx: RunContext, unitDone: Deferred<void>): Planned[] {
  const integrationCommand = ctx.config.stages.integration;
  const integrationTitle = TITLES.integration(integrationCommand);
  const databaseReady = deferred<string | null>();
  const integrationFinished = deferred<void>();
  const checkOptions: CheckOptions = { ...ctx.base, cwd: ctx.root, full: true };
  if (integrationCommand !== false) {
    checkOptions.integration = async (url: string) => {
      databaseReady.resolve(url);
      await integrationFinished.promise;
    };
  }
  const check: Planned = {
    name: 'check',
    title: TITLES.checkFull,
    run: async (retitle) => {
      try {
        return await runCheckStage(ctx, TITLES.checkFull, checkOptions, retitle);
      } finally {
        databaseReady.resolve(null);
      }
    },
  };
  const integration: Planned = {
    name: 'integration',
    title: integrationTitle,
    run: async (retitle) => {
      try {
        if (integrationCommand === false) return skipped('integration', integrationTitle, SKIPS.integrationDisabled);
        // It waits for the check's migrated database: say so rather than spin as if it ran.
        retitle(`${integrationTitle}: ${TITLES.waitingForDatabase}`);
        const url = await databaseReady.promise;
        if (url === null) {
          if (ctx.signal.aborted) return interruptedSkip('integration', integrationTitle);
          return skipped('integration', integrationTitle, SKIPS.integrationNotReached);
        }
        // Unit and integration suites often share files and ports: not both at once.
        await unitDone.promise;
        retitle(integrationTitle);
        registerSecret(url);
        return commandStage('integration', integrationTitle, await ctx.exec(integrationCommand, { DATABASE_URL: url }));
      } finally {
        integrationFinished.resolve();
      }
    },
  };
  return [check, integration];
}
