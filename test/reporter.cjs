// mocha reporter: the spec output, then "tests: N passed, N failed" as the last line,
// so CI can tell a run that executed no test from a green one.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingSpec extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures } = this.stats;
      process.stdout.write(`\ntests: ${passes} passed, ${failures} failed\n`);
      if (passes === 0 && failures === 0) process.exitCode = 1;
    });
  }
}
module.exports = CountingSpec;
