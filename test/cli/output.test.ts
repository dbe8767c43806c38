// The colour decision, by the standard environment rules.
import { expect } from 'chai';
import { alignColorEnv, useColor } from '../../src/cli/output.ts';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('cli/output: colour', () => {
  it('FORCE_COLOR decides when set: 0 and false never colour, even on a terminal; 1, 2, 3 always, even in a pipe', () => {
    expect(useColor(tty, { FORCE_COLOR: '0' })).to.equal(false);
    expect(useColor(tty, { FORCE_COLOR: 'false' })).to.equal(false);
    for (const v of ['1', '2', '3', 'true', '']) expect(useColor(pipe, { FORCE_COLOR: v }), `FORCE_COLOR=${v}`).to.equal(true);
    expect(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).to.equal(true);
  });

  it('else NO_COLOR (not empty), NODE_DISABLE_COLORS and TERM=dumb turn it off; else a terminal colours and a pipe does not', () => {
    expect(useColor(tty, {})).to.equal(true);
    expect(useColor(pipe, {})).to.equal(false);
    expect(useColor(tty, { NO_COLOR: '1' })).to.equal(false);
    expect(useColor(tty, { NO_COLOR: '' })).to.equal(true);
    expect(useColor(tty, { NODE_DISABLE_COLORS: '1' })).to.equal(false);
    expect(useColor(tty, { TERM: 'dumb' })).to.equal(false);
  });

  it('tells listr2\'s colour library (which colours whenever FORCE_COLOR is set) what was decided, through NO_COLOR', () => {
    const off: Record<string, string | undefined> = { FORCE_COLOR: '0' };
    alignColorEnv(tty, off);
    expect(off.NO_COLOR).to.equal('1');
    const on: Record<string, string | undefined> = { FORCE_COLOR: '1', NO_COLOR: '1' };
    alignColorEnv(pipe, on);
    expect(on).to.not.have.property('NO_COLOR');
  });
});
