import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lazy } from '../../../src/core/lazy';

describe('lazy()', () => {
  it('loads on the first call only, and every caller gets the same value', async () => {
    let loads = 0;
    const value = lazy(async () => ({ n: ++loads }));
    assert.equal(loads, 0, 'nothing loads before a call');
    assert.equal(value.loaded, undefined);
    const [a, b] = await Promise.all([value(), value()]);
    assert.equal(a, b);
    assert.equal(await value(), a);
    assert.equal(loads, 1);
    assert.equal(value.loaded, a);
  });

  it('does not keep a failed load: the next call tries again', async () => {
    let attempts = 0;
    const value = lazy(async () => {
      attempts++;
      if (attempts === 1) throw new Error('the chunk could not be read');
      return 'second';
    });
    await assert.rejects(value(), /the chunk could not be read/);
    assert.equal(value.loaded, undefined);
    assert.equal(await value(), 'second');
    assert.equal(attempts, 2);
  });
});
