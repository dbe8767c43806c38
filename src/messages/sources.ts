// What the model sources of `from` (src/sources/) say: configuration problems and load failures.
import type { ModelSources } from '../config/types.ts';

const show = (entry: unknown) => (Array.isArray(entry) ? entry.map((g) => `'${g}'`).join(', ') : `'${String(entry)}'`);

/** What each source's declarations are called, and how a table is declared in it. */
const DECLARE: Record<keyof ModelSources, string> = {
  drizzle: "with pgTable('<table>', { ... }) in one of the from.drizzle files",
  typeorm: "with an @Entity('<table>') class among your DataSource's entities (from.typeorm)",
  knexTypes: "as a key of interface Tables in one of the from.knexTypes files",
  objection: "with a Model class whose static tableName is '<table>' in one of the from.objection files",
};

export const sourceMessages = {
  /** The hint of an unmodeled table in a project whose only models are those of one source of `from`. */
  unmodeledTableHint: (key: keyof ModelSources, table: string, ignoreEntry: string) =>
    `declare it ${DECLARE[key].replace('<table>', table)}, drop it in a migration, or add ${ignoreEntry} to ignore.tables in the config`,
  noFiles: (key: keyof ModelSources, entry: unknown, root: string, source: string | null) =>
    `No file matched from.${key} ${show(entry)} under ${root}${source ? ` (from ${source})` : ''}: nothing of it would be checked.`,
  noFilesHint: (key: keyof ModelSources) => `Point from.${key} in pre-commit-check.config.ts to your ${key} files, relative to the project root.`,
};
