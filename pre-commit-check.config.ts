// This repository checks its own reference schema (models/, migrations/, knexfile.ts): it dogfoods the tool.
import { defineConfig } from 'pre-commit-check';

export default defineConfig({
  models: ['models/**/*.ts'],
  knexfile: 'knexfile.ts',
  stages: {
    static: ['tsc --noEmit'],
    unit: "mocha --reporter dot 'test/model-api/**/*.test.ts' 'test/diff/**/*.test.ts' 'test/catalog/parse.test.ts'",
    integration: 'node test/integration/reference-schema.mjs',
  },
});
