// What the model sources of `from` (src/sources/) say: configuration problems and load failures.
import type { ModelSources } from '../config/types.ts';

const show = (entry: unknown) => (Array.isArray(entry) ? entry.map((g) => `'${g}'`).join(', ') : `'${String(entry)}'`);

export const sourceMessages = {
  noFiles: (key: keyof ModelSources, entry: unknown, root: string, source: string | null) =>
    `No file matched from.${key} ${show(entry)} under ${root}${source ? ` (from ${source})` : ''}: nothing of it would be checked.`,
  noFilesHint: (key: keyof ModelSources) => `Point from.${key} in pre-commit-check.config.ts to your ${key} files, relative to the project root.`,
};
