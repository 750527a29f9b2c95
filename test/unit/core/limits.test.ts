import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clampedInteger, MAX_PAGE_SIZE } from '../../../src/core/limits';

describe('numbers from settings', () => {
  it('clamps a page size into what the APIs accept, and falls back on anything that is not a number', () => {
    const pageSize = (value: unknown) => clampedInteger(value, 1, MAX_PAGE_SIZE, 100);
    assert.deepEqual([0, -5, 1, 250, 500, 501, 1e9, 2.6].map(pageSize), [1, 1, 1, 250, 500, 500, 500, 3]);
    assert.deepEqual([undefined, null, '200', Number.NaN, Infinity, {}].map(pageSize), [100, 100, 100, 100, 100, 100]);
  });
});
