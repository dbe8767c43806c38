// File extensions a migration may have when the knexfile does not list its own.

/** TypeScript and every JS module flavour. */
export const DEFAULT_LOAD_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
