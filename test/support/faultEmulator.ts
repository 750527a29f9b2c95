// The fault suite's setting: the emulator in this process with credentials that carry a security token, every API
// request counted and timed as it arrives, and the extension's own client (HttpClient and the typed APIs) with the
// retry policy and lost-create search shortened so that a hundred faults take seconds, not hours.
import * as assert from 'node:assert/strict';
import { AddressGroupsApi } from '../../src/core/api/addressGroups';
import { HuaweiCloudError } from '../../src/core/cloud/errors';
import { HttpClient, type HttpClientOptions, type RetryPolicy } from '../../src/core/cloud/http';
import { NetworksApi } from '../../src/core/api/networks';
import type { LostCreateSearch } from '../../src/core/cloud/requests';
import type { Faults, RouteName } from '../../src/emulator/faults';
import { Emulator, type EmulatorOptions } from '../../src/emulator/server';
import { projectIdFor } from '../../src/emulator/store';
import { mulberry32 } from './random';

export const PROJECT = projectIdFor('cn-north-4');

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

/** A request as the emulator received it: its route and when it arrived (ms, monotonic). */
export interface Arrival {
  readonly route: RouteName;
  readonly at: number;
}

export class FaultEmulator {
  readonly emulator: Emulator;
  readonly arrivals: Arrival[] = [];

  constructor(options: Omit<EmulatorOptions, 'credentials' | 'onApiRequest'> = {}) {
    this.emulator = new Emulator({
      ...options,
      credentials: [FAULT_KEY],
      onApiRequest: (route) => this.arrivals.push({ route, at: performance.now() }),
    });
  }

  async start(): Promise<this> {
    await this.emulator.listen();
    return this;
  }

  get url(): string {
    return this.emulator.url;
  }

  faults(faults: Faults): void {
    this.emulator.faults.configure(faults);
  }

  /** Requests received since `from` (an index into `arrivals`), of one route or of any. */
  received(route?: RouteName, from = 0): Arrival[] {
    return this.arrivals.slice(from).filter((arrival) => route === undefined || arrival.route === route);
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  /** The extension's client against this emulator; options override the quick retry policy. */
  client(options: Partial<HttpClientOptions> = {}, search: LostCreateSearch = QUICK_SEARCH) {
    const http = new HttpClient({
      signingKey: async () => FAULT_KEY,
      retry: QUICK_RETRY,
      timeoutMs: 2_000,
      ...options,
    });
    return {
      http,
      networks: new NetworksApi(http, this.url, PROJECT, { lostCreateSearch: search }),
      groups: new AddressGroupsApi(http, this.url, PROJECT, { lostCreateSearch: search }),
    };
  }
}

/** The HuaweiCloudError a promise rejects with; fails when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>, context = ''): Promise<HuaweiCloudError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof HuaweiCloudError,
      `${context}not a HuaweiCloudError: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return error;
  }
  return assert.fail(`${context}it did not fail`);
}

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
