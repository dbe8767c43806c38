// Write a JUnit file for a check run (the orchestrator writes its own with stages).
import { writeFileSync } from 'node:fs';
import type { Report } from '../diff/findings.ts';
import { toJUnit } from './junit.ts';

/** Use for --junit FILE on the check command. */
export function writeJUnitFile(file: string, result: { report: Report }): void {
  writeFileSync(file, toJUnit({ ok: result.report.ok, stages: [{ name: 'consistency check', ok: result.report.ok, durationMs: result.report.summary.durationMs, report: result.report }] } as never));
}
