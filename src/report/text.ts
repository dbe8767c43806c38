// The human-readable report: findings grouped by model and table, errors first, each with its
// message and hint, then a summary line. Pure: returns a string; colour only when asked for.
import { styleText } from 'node:util';
import type { Finding, Report } from '../diff/findings.ts';
import { reportMessages as m } from '../messages/report.ts';
import { redact } from '../util/secrets.ts';

export interface TextOptions {
  color: boolean;
  /** Extra lines (e.g. migration timings with --verbose) printed before the summary. */
  notes?: string[];
}

/** The report's styles, through node:util styleText; the caller decides whether to colour (cli/output.ts useColor). */
const paint = (on: boolean) => {
  const style = (format: 'red' | 'yellow' | 'green' | 'bold' | 'dim') => (s: string) => (on ? styleText(format, s, { validateStream: false }) : s);
  return { red: style('red'), yellow: style('yellow'), green: style('green'), bold: style('bold'), dim: style('dim') };
};

interface Group {
  title: string;
  findings: Finding[];
  errors: number;
  sortKey: string;
}

/** Use to group findings the way the text report and JUnit show them: by model and table. */
export function groupFindings(findings: Finding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const table = f.schema && f.table ? `${f.schema}.${f.table}` : null;
    let id: string;
    let title: string;
    if (f.code === 'migration-failed' || f.code === 'missing-down' || f.code === 'irreversible-migration') {
      id = 'migrations';
      title = m.groupMigrations;
    } else if (f.code === 'stale-generated' || f.code === 'generated-failed') {
      id = 'generated';
      title = m.groupGenerated;
    } else if (table) {
      id = `t:${table}:${f.model ?? ''}`;
      title = m.groupTable(f.model, table, f.file);
    } else {
      id = `f:${f.file ?? ''}`;
      title = m.groupFile(f.file);
    }
    const g = groups.get(id) ?? { title, findings: [], errors: 0, sortKey: `${id === 'migrations' ? '0' : '1'}${id}` };
    g.findings.push(f);
    if (f.severity === 'error') g.errors++;
    groups.set(id, g);
  }
  const sev = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  for (const g of groups.values()) g.findings.sort((a, b) => sev(a) - sev(b) || a.code.localeCompare(b.code));
  return [...groups.values()].sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || a.sortKey.localeCompare(b.sortKey));
}

/** Use to print a report for people (terminal or log). */
export function renderText(report: Report, options: TextOptions): string {
  const c = paint(options.color);
  const out: string[] = [];
  for (const g of groupFindings(report.findings)) {
    out.push(c.bold(g.title));
    for (const f of g.findings) {
      const tag = f.severity === 'error' ? c.red(`✖ error  `) : c.yellow(`⚠ warning`);
      out.push(`  ${tag} ${c.dim(f.code)}  ${f.message}`);
      if (f.expected !== null || f.actual !== null) out.push(`              ${c.dim(m.expectedActual(f.expected, f.actual))}`);
      // A diff or a command's output: indented under the message, one line each.
      if (f.detail) for (const l of f.detail.split('\n')) out.push(`              ${c.dim('│')} ${l}`);
      if (f.hint) out.push(`              → ${f.hint}`);
    }
    out.push('');
  }
  for (const n of options.notes ?? []) out.push(n);
  const s = report.summary;
  const counts = m.summary(s.models, s.tables, s.errors, s.warnings, s.durationMs);
  out.push(report.ok ? c.green(`✔ ${counts}`) : c.red(`✖ ${counts} ${m.blocked}`));
  return redact(out.join('\n')) + '\n';
}
