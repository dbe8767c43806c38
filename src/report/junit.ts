// JUnit XML of a pipeline run: one test case per stage and one per finding; failed stages and error
// findings are failures, skipped stages are skipped, warnings pass with their text in system-out.
// Pure: returns the XML text.
import { stripVTControlCharacters } from 'node:util';
import type { Finding } from '../diff/findings.ts';
import { JUNIT } from '../messages/runner.ts';
import type { PipelineResult, StageResult } from '../runner/types.ts';
import { redact } from '../util/secrets.ts';

// Characters XML 1.0 forbids (ANSI escape sequences of coloured tool output go first, through
// node:util stripVTControlCharacters).
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escape text for XML content and attribute values (also drops ANSI codes and forbidden characters, and redacts passwords). */
export function escapeXml(text: string): string {
  return stripVTControlCharacters(redact(text))
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const attr = (name: string, value: string | number) => `${name}="${escapeXml(String(value))}"`;

interface Case {
  classname: string;
  name: string;
  time: number;
  file?: string | null;
  failure?: { message: string; type: string; body: string };
  skipped?: string;
  systemOut?: string;
}

function stageCase(s: StageResult): Case {
  const c: Case = { classname: `pre-commit-check.${s.name}`, name: s.title ?? s.name, time: s.durationMs ?? 0 };
  if (s.skipped && s.ok) c.skipped = JUNIT.skippedStage(s.reason ?? 'skipped');
  else if (!s.ok) {
    const body = [
      s.command ? `$ ${s.command}` : '',
      s.omittedLines ? `… ${s.omittedLines} earlier lines omitted` : '',
      s.outputTail ?? '',
      s.error instanceof Error ? (s.error.stack ?? s.error.message) : '',
    ]
      .filter(Boolean)
      .join('\n');
    c.failure = { message: s.reason ?? 'failed', type: s.name, body };
  }
  return c;
}

function findingCase(f: Finding): Case {
  const detail = [
    f.message,
    f.hint ? `hint: ${f.hint}` : '',
    f.expected !== null ? `expected: ${f.expected}` : '',
    f.actual !== null ? `actual: ${f.actual}` : '',
    f.file ? `file: ${f.file}` : '',
    f.detail ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  const c: Case = { classname: `pre-commit-check.findings.${f.code}`, name: JUNIT.findingName(f), time: 0, file: f.file };
  if (f.severity === 'error') c.failure = { message: f.message, type: f.code, body: detail };
  else c.systemOut = `warning: ${detail}`;
  return c;
}

function suite(name: string, cases: Case[], timeMs: number): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const head = `  <testsuite ${[attr('name', name), attr('tests', cases.length), attr('failures', failures), attr('errors', 0), attr('skipped', skipped), attr('time', seconds(timeMs))].join(' ')}`;
  if (cases.length === 0) return `${head}/>`;
  const body = cases.map((c) => {
    const attrs = [attr('classname', c.classname), attr('name', c.name), attr('time', seconds(c.time))];
    if (c.file) attrs.push(attr('file', c.file));
    const inner: string[] = [];
    if (c.failure) inner.push(`      <failure ${attr('message', c.failure.message)} ${attr('type', c.failure.type)}>${escapeXml(c.failure.body)}</failure>`);
    if (c.skipped !== undefined) inner.push(`      <skipped ${attr('message', c.skipped)}/>`);
    if (c.systemOut) inner.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
    return inner.length
      ? `    <testcase ${attrs.join(' ')}>\n${inner.join('\n')}\n    </testcase>`
      : `    <testcase ${attrs.join(' ')}/>`;
  });
  return `${head}>\n${body.join('\n')}\n  </testsuite>`;
}

/** Use for --junit: the XML text of a pipeline result (stages, then the check's findings). */
export function toJUnit(result: Pick<PipelineResult, 'stages'> & Partial<Pick<PipelineResult, 'report' | 'durationMs'>>): string {
  const stageCases = result.stages.map(stageCase);
  const report = result.report ?? result.stages.find((s) => s.report)?.report ?? null;
  const findingCases = (report?.findings ?? []).map(findingCase);
  const all = [...stageCases, ...findingCases];
  const failures = all.filter((c) => c.failure).length;
  const skipped = all.filter((c) => c.skipped !== undefined).length;
  const totalMs = result.durationMs ?? result.stages.reduce((t, s) => Math.max(t, s.durationMs ?? 0), 0);
  const checkTime = result.stages.find((s) => s.name === 'check')?.durationMs ?? 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${[attr('name', 'pre-commit-check'), attr('tests', all.length), attr('failures', failures), attr('errors', 0), attr('skipped', skipped), attr('time', seconds(totalMs))].join(' ')}>`,
    suite(JUNIT.suiteStages, stageCases, totalMs),
    suite(JUNIT.suiteFindings, findingCases, checkTime),
    '</testsuites>',
    '',
  ].join('\n');
}
