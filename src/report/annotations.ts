// GitHub Actions workflow commands (::error / ::warning) for findings that name a file (and the line,
// when the finding has one), so they show up on the pull request's diff. Pure: returns the lines, the caller prints them.
import type { Finding, Report } from '../diff/findings.ts';
import { redact } from '../util/secrets.ts';

/** Escape a workflow command's message (GitHub's rules: %, \r, \n). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value (as escapeData, plus : and ,). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line for a finding, or null when the finding has no file. */
export function toAnnotation(finding: Finding): string | null {
  if (!finding.file) return null;
  const level = finding.severity === 'error' ? 'error' : 'warning';
  const file = finding.file.replace(/\\/g, '/');
  const message = redact([finding.message, finding.detail, finding.hint].filter(Boolean).join('\n'));
  const line = typeof finding.line === 'number' && finding.line > 0 ? `,line=${finding.line}` : '';
  return `::${level} file=${escapeProperty(file)}${line},title=${escapeProperty(finding.code)}::${escapeData(message)}`;
}

/** Use under GITHUB_ACTIONS=true: the annotation lines of every finding that has a file. */
export function toAnnotations(report: Pick<Report, 'findings'>): string[] {
  return report.findings.map(toAnnotation).filter((l): l is string => l !== null);
}

/**
 * Use after any command that has a report: under GitHub Actions (GITHUB_ACTIONS=true), print its
 * annotations on `stream` (stdout; stderr when stdout is the JSON report's). Elsewhere, nothing.
 */
export function writeAnnotations(report: Pick<Report, 'findings'>, stream: NodeJS.WritableStream, env: Record<string, string | undefined> = process.env): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  const lines = toAnnotations(report);
  if (lines.length) stream.write(lines.join('\n') + '\n');
}
