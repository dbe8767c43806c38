import { expect } from 'chai';
import { isCiEnv, pickRenderer } from '../../src/runner/renderer.ts';

describe('runner/pickRenderer', () => {
  it('is interactive only on a terminal outside CI', () => {
    expect(pickRenderer({ isTTY: true, env: {} })).to.equal('default');
    expect(pickRenderer({ isTTY: false, env: {} })).to.equal('simple');
  });
  it('is plain under --ci, CI=true, --quiet and TERM=dumb', () => {
    expect(pickRenderer({ isTTY: true, ci: true, env: {} })).to.equal('simple');
    expect(pickRenderer({ isTTY: true, env: { CI: 'true' } })).to.equal('simple');
    expect(pickRenderer({ isTTY: true, quiet: true, env: {} })).to.equal('simple');
    expect(pickRenderer({ isTTY: true, env: { TERM: 'dumb' } })).to.equal('simple');
  });
  it('is silent only when asked', () => {
    expect(pickRenderer({ isTTY: true, silent: true, env: { CI: '1' } })).to.equal('silent');
  });
  it('reads CI=false and CI=0 as not CI', () => {
    expect(isCiEnv({ CI: 'false' })).to.equal(false);
    expect(isCiEnv({ CI: '0' })).to.equal(false);
    expect(isCiEnv({ CI: '' })).to.equal(false);
    expect(isCiEnv({ CI: '1' })).to.equal(true);
    expect(pickRenderer({ isTTY: true, env: { CI: 'false' } })).to.equal('default');
  });
});
