// For integration tests: wait for something the extension does in its own time (diagnostics, the tracker, the tree).
import * as assert from 'node:assert/strict';

/** Resolves with the first value `probe` gives that is not undefined; fails, saying what did not happen, past the timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
