// Write a JUnit file for the check command (the orchestrator writes its own, with every stage).
import { writeFileSync } from 'node:fs';
import type { Report } from '../diff/findings.ts';
import { FAILS, TITLES } from '../messages/runner.ts';
import { toJUnit } from './junit.ts';

/** Use for --junit FILE on the check command: one case for the check, one per finding. */
export function writeJUnitFile(file: string, result: { report: Report; full: boolean }): void {
  const { report } = result;
  const title = result.full ? TITLES.checkFull : TITLES.check;
  const reason = report.ok ? undefined : FAILS.checkFindings(report.summary.errors, report.summary.warnings);
  writeFileSync(file, toJUnit({ stages: [{ name: 'check', title, ok: report.ok, durationMs: report.summary.durationMs, report, ...(reason ? { reason } : {}) }], report }));
}
