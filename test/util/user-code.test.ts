// runUserCode: a step of the user's code settles as its code does, unless that code fails from
// outside its await chain (failUserCode) or runs out of time.
import { expect } from 'chai';
import { failUserCode, runUserCode, takeLateFailures, UserTimeoutError, type UserCodeScope } from '../../src/util/user-code.ts';

const scope = (file: string): UserCodeScope => ({ kind: 'migration', file });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('util: runUserCode', () => {
  afterEach(() => void takeLateFailures());

  it('settles as the code does', async () => {
    expect(await runUserCode(scope('a'), async () => 42)).to.equal(42);
    const err = await runUserCode(scope('a'), async () => {
      throw new Error('own');
    }).catch((e: Error) => e);
    expect((err as Error).message).to.equal('own');
  });

  it('fails with an error charged to it from its timers, even when its own chain ends well', async () => {
    const err = await runUserCode(scope('a'), async () => {
      setTimeout(() => failUserCode(new Error('from a timer')), 1);
      await tick();
      await tick();
      return 'fine';
    }).catch((e: Error) => e);
    expect((err as Error).message).to.equal('from a timer');
  });

  it('times out, and a step started inside it times out with it', async () => {
    let inner: Promise<unknown> | undefined;
    const err = await runUserCode(
      scope('outer'),
      async () => {
        inner = runUserCode(scope('inner'), () => new Promise(() => {}), { timeoutMs: 60_000 }).catch((e: Error) => e);
        await new Promise(() => {});
      },
      { timeoutMs: 20 },
    ).catch((e: Error) => e);
    expect(err).to.be.instanceOf(UserTimeoutError);
    expect((err as UserTimeoutError).seconds).to.equal(0.02);
    expect(await inner).to.be.instanceOf(UserTimeoutError);
  });

  it('an error from code of a step that ended well is kept as a late failure of that step; none for one that failed', async () => {
    await runUserCode(scope('ok-step'), async () => {
      setTimeout(() => failUserCode(new Error('too late')), 20);
    });
    await runUserCode(scope('failed-step'), async () => {
      setTimeout(() => failUserCode(new Error('ignored: the step failed already')), 20);
      throw new Error('own');
    }).catch(() => {});
    await new Promise((r) => setTimeout(r, 60));
    const late = takeLateFailures();
    expect(late.map((l) => [l.scope.file, l.error.message])).to.deep.equal([['ok-step', 'too late']]);
  });

  it('outside any step, nothing is charged: the error is the tool\'s own', () => {
    expect(failUserCode(new Error('ours'))).to.equal(undefined);
    expect(takeLateFailures()).to.deep.equal([]);
  });
});
