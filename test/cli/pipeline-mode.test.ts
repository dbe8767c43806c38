// Which pipeline a plain `pre-commit-check` runs: --hook, --ci, --full, CI, and git running it as a hook.
import { expect } from 'chai';
import { pipelineMode } from '../../src/cli/commands/pipeline.ts';

const flags = (f: Partial<{ hook: boolean; ci: boolean; full: boolean }> = {}) => ({ hook: false, ci: false, full: false, ...f });
const GIT_HOOK = { GIT_INDEX_FILE: '.git/index' };

describe('cli/pipelineMode', () => {
  it('--hook is hook mode whatever CI says', () => {
    expect(pipelineMode(flags({ hook: true }), { CI: 'true' })).to.equal('hook');
  });
  it('CI set means --ci, unless git runs us as a hook (a hook written before --hook existed, in a bot\'s commit)', () => {
    expect(pipelineMode(flags(), { CI: 'true' })).to.equal('ci');
    expect(pipelineMode(flags(), { CI: 'true', ...GIT_HOOK })).to.equal('hook');
    expect(pipelineMode(flags({ full: true }), { CI: 'true', ...GIT_HOOK })).to.equal('ci');
    expect(pipelineMode(flags({ ci: true }), GIT_HOOK)).to.equal('ci');
    // Without CI: --full is full, nothing is hook mode.
    expect(pipelineMode(flags({ full: true }), {})).to.equal('full');
    expect(pipelineMode(flags(), { CI: 'false' })).to.equal('hook');
    expect(pipelineMode(flags(), {})).to.equal('hook');
  });
});
