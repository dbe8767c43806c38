// init writes folder names and package.json scripts into the config file: whatever they hold, the file
// parses and says exactly them (issue 10 item 1, found beside it).
import { expect } from 'chai';
import { transformSync } from 'esbuild';
import { configFile } from '../../src/init/templates.ts';

describe('init: config template escaping', () => {
  it('a models folder or a script with quotes, backslashes and line terminators stays one string', () => {
    const modelsDir = "src/it's\\\u2028x\r\n";
    const script = "mocha 'a\\b'\n";
    const text = configFile({ modelsDir, knexfile: 'knexfile.ts', static: [script], unit: script });
    const code = transformSync(text.replace(/^import .*$/m, 'const defineConfig = (c) => c;'), { loader: 'ts', format: 'cjs' }).code;
    const module = { exports: {} as { default?: { models: string[]; stages: { static: string[]; unit: string } } } };
    new Function('module', 'exports', code)(module, module.exports);
    const config = module.exports.default!;
    expect(config.models).to.deep.equal([`${modelsDir}/**/*.{ts,js}`]);
    expect(config.stages.static).to.deep.equal([script]);
    expect(config.stages.unit).to.equal(script);
  });
});
