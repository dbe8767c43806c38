// One exit code per outcome (contract section 1): a crash of the tool is 4.
import { expect } from 'chai';
import { EXIT, exitCodeFor } from '../../src/cli/exit-code.ts';
import { PccError } from '../../src/errors.ts';

describe('cli/exit-code', () => {
  it('a crash (any error but ours, or an internal one) is exit 4, never 1 like a drift', () => {
    expect(exitCodeFor({ error: new TypeError('x is undefined') })).to.equal(4);
    expect(exitCodeFor({ error: new PccError('INTERNAL', 'x') })).to.equal(EXIT.INTERNAL);
    expect(exitCodeFor({ error: new PccError('NOT_A_GIT_REPOSITORY', 'x') })).to.equal(2);
    expect(exitCodeFor({ ok: false })).to.equal(1);
  });
});
