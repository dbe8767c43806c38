// Write a JUnit file for the check command (the orchestrator writes its own, with every stage).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PccError } from '../errors.ts';
import { reportMessages } from '../messages/report.ts';
import type { Report } from '../diff/findings.ts';
import { FAILS, TITLES } from '../messages/runner.ts';
import { toJUnit } from './junit.ts';

/** Use for --junit FILE on the check command: one case for the check, one per finding. */
export function writeJUnitFile(file: string, result: { report: Report; full: boolean }): void {
  const { report } = result;
  const title = result.full ? TITLES.checkFull : TITLES.check;
  const reason = report.ok ? undefined : FAILS.checkFindings(report.summary.errors, report.summary.warnings);
  writeReportFile(file, toJUnit({ stages: [{ name: 'check', title, ok: report.ok, durationMs: report.summary.durationMs, report, ...(reason ? { reason } : {}) }], report }));
}

/** Use to write a report file a flag names (--junit): its directory is created; a failure is bad usage (exit 2), naming the file. */
export function writeReportFile(file: string, content: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  } catch (error) {
    throw new PccError('USAGE', reportMessages.cannotWrite(file, (error as Error).message), { hint: reportMessages.cannotWriteHint, cause: error });
  }
}
