// The fault suite's setting: the emulator in this process with credentials that carry a security token, every API
// request counted and timed as it arrives (test/support/emulator.ts), and the extension's own client with the retry
// policy and lost-create search shortened so that a hundred faults take seconds, not hours.
import * as assert from 'node:assert/strict';
import type { RetryPolicy } from '../../src/core/cloud/http';
import type { LostCreateSearch } from '../../src/core/cloud/requests';
import type { TestEmulatorOptions } from './emulator';
import { mulberry32 } from './random';

/** Values no answer, error or log line may ever hold. */
export const FAULT_KEY: {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly securityToken: string;
} = {
  accessKeyId: 'FAULTSUITEAK7Q2M9X4Z',
  secretAccessKey: 'fault-suite-secret-key-4d1c9e7b',
  securityToken: 'fault-suite-session-token-8a6f3e2d',
};

/** Retries as the extension makes them (four attempts), with pauses short enough for a test. */
export const QUICK_RETRY: RetryPolicy = { maxAttempts: 4, maxElapsedMs: 3_000, baseDelayMs: 10, maxDelayMs: 40 };
/** The lost-create search shortened from a minute to a tenth of a second. */
export const QUICK_SEARCH: LostCreateSearch = { windowMs: 100, firstDelayMs: 10, maxDelayMs: 40, cancelledLookMs: 300 };

/**
 * The fault suite's emulator (withEmulator's options): only the fault key is accepted, time is real (the suite
 * measures real waits), and the clients retry as the extension does, quickly.
 */
export const FAULT_SUITE: TestEmulatorOptions = {
  key: FAULT_KEY,
  realTime: true,
  client: { retry: QUICK_RETRY, timeoutMs: 2_000 },
  lostCreateSearch: QUICK_SEARCH,
};

/** Everything an error carries that could reach a person or a log: message, fields and causes, as text. */
export function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    try {
      parts.push(JSON.stringify(current));
    } catch {
      parts.push(String(current));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** Fails when `text` holds the access key, the secret key, the security token or a signature. */
export function assertNoSecret(text: string, context = ''): void {
  for (const [name, value] of Object.entries(FAULT_KEY)) {
    assert.ok(!text.includes(value), `${context}the ${name} appears in: ${text}`);
  }
  assert.doesNotMatch(
    text,
    /SDK-HMAC-SHA256|Signature=[0-9a-f]|Access=[A-Z0-9]/,
    `${context}an Authorization value appears in: ${text}`,
  );
}

/**
 * The seeded generator of a run that draws its faults: a failing run is repeated exactly with the seed it prints.
 * The seed is HWC_FAULT_SEED when set, else new for every run.
 */
export function seededRandom(): { seed: number; next: () => number } {
  const given = process.env.HWC_FAULT_SEED;
  const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  return { seed, next: mulberry32(seed) };
}
