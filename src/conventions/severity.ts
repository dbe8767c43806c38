// The severity of one rule: its own setting ('error' / 'warn'), else conventions.severity, else warning.
import type { Severity } from '../diff/findings.ts';
import type { Conventions } from '../config/types.ts';

/** Use for each rule: `own` is the rule's switch or its object's `severity`. */
export function ruleSeverity(own: unknown, conventions: Conventions): Severity {
  const level = own === 'error' || own === 'warn' ? own : conventions.severity;
  return level === 'error' ? 'error' : 'warning';
}

/** Whether a rule switch (true, 'error', 'warn', or an object form) turns the rule on. */
export const isOn = (setting: unknown): boolean => setting !== undefined && setting !== false;
