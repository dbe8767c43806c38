// Hints about a drizzle table in Drizzle's terms (placeholder).
import type { Finding } from '../../diff/findings.ts';
import type { LoadedModel } from '../../model-api/types.ts';

/** Use as the source's hint(). */
export function drizzleHint(finding: Finding, _model: LoadedModel): Finding {
  return finding;
}
