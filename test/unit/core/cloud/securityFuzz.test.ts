// The client (src/core) against a server that answers at random and with malice: every call of every API, and the
// explorer's whole tree, ends — with a result of the promised shape or a HuaweiCloudError, never another exception,
// a hang, a redirect followed, a secret in an error, or a polluted prototype. Seeded: HWC_FUZZ_SEED=<n> draws
// another run, HWC_FUZZ_CASES=<n> runs more, HWC_FUZZ_CASE=<i> replays one call (a failure prints all three).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { HttpClient } from '../../../../src/core/cloud/http';
import { type ClientOperation, clientOperations } from '../../../support/clientOperations';
import {
  type HostileOptions,
  type HostileTrait,
  hostileAnswer,
  type HostileServer,
  Random,
  startHostileServer,
  worstPage,
} from '../../../support/hostileServer';

const SEED = Number(process.env.HWC_FUZZ_SEED ?? 20261123);
const CASES = Number(process.env.HWC_FUZZ_CASES ?? 600);
const ONLY = process.env.HWC_FUZZ_CASE === undefined ? undefined : Number(process.env.HWC_FUZZ_CASE);
const PROJECT = '0123456789abcdef0123456789abcdef';
const KEY = {
  accessKeyId: 'FUZZACCESSKEY0000000',
  secretAccessKey: 'fuzz-secret-key-never-in-an-error-0123',
  securityToken: 'fuzz-security-token-never-in-an-error-0123',
};
/** Past this, a call counts as hung: every request has a 400 ms time-out and every call a 6 s deadline. */
const HUNG_MS = 20_000;

describe('security: hostile answers never crash the client', () => {
  let server: HostileServer;
  let elsewhere: HostileServer;
  /** The answers of the current call, for the report of a failure. */
  let answers: string[] = [];
  let random = new Random(SEED);
  const options = (): HostileOptions => ({
    elsewhere: elsewhere.url,
    projectId: PROJECT,
    maxStringBytes: 600_000,
    maxDepth: 200_000,
    hangRate: 0.02,
  });
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  /** How many answers of each hostile trait were served: the run shows it drew every one. */
  const coverage = new Map<HostileTrait, number>();

  before(async () => {
    elsewhere = await startHostileServer(() => ({
      kind: 'answer',
      status: 200,
      headers: {},
      body: Buffer.from('{}'),
      what: 'elsewhere',
      traits: [],
    }));
    server = await startHostileServer((method, path) => {
      const answer = hostileAnswer(random, method, path, options());
      answers.push(`${method} ${path}: ${answer.what}`);
      for (const trait of answer.traits) coverage.set(trait, (coverage.get(trait) ?? 0) + 1);
      return answer;
    });
  });
  after(async () => {
    await server.close();
    await elsewhere.close();
  });

  const http = () =>
    new HttpClient({
      signingKey: async () => KEY,
      sleep: async () => {},
      timeoutMs: 400,
      maxResponseBytes: 1024 * 1024,
      retry: { maxAttempts: 3, maxElapsedMs: 5_000, baseDelayMs: 1, maxDelayMs: 1 },
    });
  const operations = () => clientOperations(server.url, http(), PROJECT);

  it(`${CASES} calls of every API and the explorer tree, seed ${SEED}: each ends with a checked result or a HuaweiCloudError`, async () => {
    const outcomes = { results: 0, errors: 0 };
    const kinds = new Map<string, number>();
    let requests = 0;
    const started = performance.now();
    for (const index of ONLY === undefined ? Array.from({ length: CASES }, (_, i) => i) : [ONLY]) {
      random = new Random(SEED + index);
      answers = [];
      const all = operations();
      const names = Object.keys(all);
      const name = names[index % names.length] as string;
      const operation = all[name] as ClientOperation;
      const replay = () =>
        `call ${index} (${name}), replay with HWC_FUZZ_SEED=${SEED} HWC_FUZZ_CASE=${index}; answers:\n  ${answers.join('\n  ')}`;
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('hung')), HUNG_MS);
      });
      try {
        const result = await Promise.race([operation.run(AbortSignal.timeout(6_000)), hung]);
        const problem = operation.check(result);
        assert.equal(problem, undefined, `${replay()}\nthe result is ${problem}`);
        outcomes.results++;
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.ok(
          error instanceof HuaweiCloudError,
          `${replay()}\nended with ${error instanceof Error ? error.stack : String(error)}`,
        );
        const exposed = JSON.stringify({ ...error, message: error.message, stack: error.stack, cause: error.cause });
        for (const secret of [KEY.secretAccessKey, KEY.securityToken]) {
          assert.ok(!exposed.includes(secret), `${replay()}\na secret is in the error`);
        }
        outcomes.errors++;
        kinds.set(error.kind, (kinds.get(error.kind) ?? 0) + 1);
      } finally {
        clearTimeout(timer);
      }
      requests += answers.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${CASES} calls, ${requests} hostile answers in ${seconds.toFixed(1)} s: ${outcomes.results} results, ${outcomes.errors} HuaweiCloudErrors (${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')})`,
    );
    console.log(`hostile answers served: ${[...coverage].map(([what, n]) => `${what} ${n}`).join(', ')}`);
    if (ONLY !== undefined) return;
    assert.ok(
      outcomes.results > CASES / 20 && outcomes.errors > CASES / 4,
      'the generator no longer draws both usable and broken answers',
    );
    const traits: HostileTrait[] = [
      'prototype keys',
      'deep nesting',
      'huge strings',
      'wrong types',
      'redirects',
      'dropped or cut connections',
      'hanging connections',
      'gzip',
      'not JSON',
    ];
    for (const trait of traits) {
      assert.ok((coverage.get(trait) ?? 0) >= 3, `the generator drew too few answers with ${trait}`);
    }
  });

  it('the explorer shows a page of the worst items side by side: nesting 100,000 deep, prototype keys, 2 MB names, no object at all', async () => {
    const page = worstPage(2_000_000);
    const worst = await startHostileServer(() => ({
      kind: 'answer',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: page.body,
      what: 'the worst items',
      traits: [],
    }));
    try {
      const client = new HttpClient({
        signingKey: async () => KEY,
        sleep: async () => {},
        timeoutMs: 5_000,
        retry: { maxAttempts: 1, maxElapsedMs: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const walk = clientOperations(worst.url, client, PROJECT)['the explorer, its whole tree'] as ClientOperation;
      const shown = await walk.run(AbortSignal.timeout(30_000));
      assert.equal(walk.check(shown), undefined);
      assert.ok((shown as number) >= 2 * page.items, `only ${String(shown)} nodes`);
    } finally {
      await worst.close();
    }
  });

  it('followed no redirect: the server redirects pointed to received nothing', () => {
    assert.ok(server.received.length > 0);
    assert.deepEqual(elsewhere.received, []);
  });

  it('left Object.prototype as it was: no answer set a property on it', () => {
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore);
    const probe: Record<string, unknown> = {};
    for (const key of ['polluted', 'a', 'items', 'metadata', 'name', 'then']) assert.equal(probe[key], undefined, key);
  });
});
