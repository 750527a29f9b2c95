// Reading and adding up test counts, so that `npm test` can close with one `N passed, N failed` line over every
// layer. A layer that could not report counts (it crashed, timed out, never started) counts as one failure, so
// the closing line can never say "0 failed" for a run that did not finish.

/**
 * Counts from the summary that node's test runner (spec or tap reporter) prints last.
 * @returns {{passed: number, failed: number} | undefined} undefined when no summary was printed
 */
export function parseNodeTestSummary(output) {
  const count = (name) => {
    const matches = [...output.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)\\s*$`, 'gm'))];
    return matches.length > 0 ? Number(matches.at(-1)[1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return { passed, failed: failed + (count('cancelled') ?? 0) };
}

/**
 * Counts from the last `N passed, N failed` line alone on a line (what a script that closes like npm test prints).
 * @returns {{passed: number, failed: number} | undefined} undefined when there is no such line
 */
export function parseClosingLine(output) {
  const last = [...output.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/**
 * The counts a layer contributes: its own, or one failure when it reported none or exited non-zero with none failed.
 * @param {{passed: number, failed: number} | undefined} counts
 * @param {number} exitCode
 */
export function layerResult(counts, exitCode) {
  if (!counts) return { passed: 0, failed: 1 };
  if (exitCode !== 0 && counts.failed === 0) return { passed: counts.passed, failed: 1 };
  return counts;
}

/** The closing line: the sum over every layer. */
export function closingLine(layers) {
  const passed = layers.reduce((sum, layer) => sum + layer.passed, 0);
  const failed = layers.reduce((sum, layer) => sum + layer.failed, 0);
  return `${passed} passed, ${failed} failed`;
}
