import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingLine, layerResult, parseClosingLine, parseNodeTestSummary } from '../../../scripts/lib/testSummary.mjs';

describe('npm test closing line', () => {
  it("reads the counts of node's spec reporter, cancelled tests counting as failed", () => {
    const output = 'ok\nℹ tests 7\nℹ suites 2\nℹ pass 5\nℹ fail 1\nℹ cancelled 1\nℹ skipped 0\n';
    assert.deepEqual(parseNodeTestSummary(output), { passed: 5, failed: 2 });
  });

  it('reads the tap reporter too, and finds nothing in output without a summary', () => {
    assert.deepEqual(parseNodeTestSummary('# tests 3\n# pass 3\n# fail 0\n'), { passed: 3, failed: 0 });
    assert.equal(parseNodeTestSummary('Error: Cannot find module x\n'), undefined);
  });

  it('reads the last closing line of a script that closes like npm test, and nothing from a line that only contains one', () => {
    assert.deepEqual(
      parseClosingLine('ok      a.png\n2 passed, 0 failed\nlater 9 passed, 9 failed\n3 passed, 1 failed\n'),
      { passed: 3, failed: 1 },
    );
    assert.equal(parseClosingLine('FAILED  a.png: 1 passed, 0 failed before\n'), undefined);
  });

  it('counts a layer that reported nothing, or failed with no failed test, as a failure', () => {
    assert.deepEqual(layerResult(undefined, 1), { passed: 0, failed: 1 });
    assert.deepEqual(layerResult(undefined, 0), { passed: 0, failed: 1 });
    assert.deepEqual(layerResult({ passed: 4, failed: 0 }, 1), { passed: 4, failed: 1 });
    assert.deepEqual(layerResult({ passed: 4, failed: 2 }, 1), { passed: 4, failed: 2 });
    assert.deepEqual(layerResult({ passed: 4, failed: 0 }, 0), { passed: 4, failed: 0 });
  });

  it('sums every layer into one line', () => {
    assert.equal(
      closingLine([
        { passed: 3, failed: 0 },
        { passed: 7, failed: 1 },
        { passed: 2, failed: 0 },
      ]),
      '12 passed, 1 failed',
    );
  });
});
