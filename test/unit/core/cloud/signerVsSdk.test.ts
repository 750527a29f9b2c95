// Property test: for thousands of random requests, our signature equals the one computed by Huawei's official
// Node SDK core (a devDependency used by this test only). The SDK writes ~/.huaweicloud/application_id, so HOME
// points at a temporary folder while it runs.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildQuery, parseSdkDate, signRequest, verifyRequest } from '../../../../src/core/cloud/signer';
import { buildPath } from '../../../../src/core/cloud/pathSegments';
import { mulberry32 } from '../../../support/random';

interface SdkSigner {
  sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string>;
}

/** A small seeded generator (mulberry32), so that a failure can be replayed from its seed. */
function random(seed: number) {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const string = (alphabet: readonly string[], min: number, max: number) =>
    Array.from({ length: min + int(max - min + 1) }, () => pick(alphabet)).join('');
  return { next, int, pick, string };
}

const chars = (s: string) => [...s];
const UNRESERVED = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~');
// Path characters the SDK takes raw (its legacy url.parse would re-escape quotes, spaces and a few others).
const PATH = [...UNRESERVED, ...chars('!$&()*+,;=:@é一😀')];
const QUERY = [...UNRESERVED, ...chars(' !$&\'()*+,;=:@/?#%[]é一😀"<>')];
const HEADER_VALUE = [...UNRESERVED, ...chars(' /;=,')];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A random JSON value; at depth 0 always an object, as every request body of these APIs is. */
function randomJson(r: ReturnType<typeof random>, depth = 0): unknown {
  switch (depth === 0 ? 5 : r.int(depth > 2 ? 4 : 6)) {
    case 0:
      return r.string(QUERY, 0, 12);
    case 1:
      return r.int(100000) - 500;
    case 2:
      return r.next() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [r.string(QUERY, 1, 8), randomJson(r, depth + 1)]),
      );
  }
}

describe('signer agrees with the official Huawei Cloud Node SDK', () => {
  let home: string;
  let previousHome: string | undefined;
  let sdk: SdkSigner;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'hwc-sdk-home-'));
    previousHome = process.env.HOME;
    process.env.HOME = home;
    const require = createRequire(import.meta.url);
    sdk = (require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: SdkSigner }).AKSKSigner;
  });

  after(() => {
    process.env.HOME = previousHome;
    rmSync(home, { recursive: true, force: true });
  });

  /** A random request, in the SDK's terms and in ours (the URL and body bytes as they go on the wire). */
  function randomRequest(r: ReturnType<typeof random>) {
    const method = r.pick(METHODS);
    // Dot segments are left out: URL parsers (and so fetch) remove them before sending, the SDK does not.
    const segments = [
      'v1',
      ...Array.from({ length: r.int(4) }, () => r.string(PATH, 1, 10)).filter((s) => !/^\.+$/.test(s)),
    ];
    const trailingSlash = r.next() < 0.2 ? '/' : '';
    const queryParams: Record<string, string | string[]> = {};
    for (let k = r.int(5); k > 0; k--) {
      const name = r.string(QUERY, 1, 8);
      queryParams[name] =
        r.next() < 0.3 ? Array.from({ length: 2 + r.int(3) }, () => r.string(QUERY, 0, 8)) : r.string(QUERY, 0, 10);
    }
    const headers: Record<string, string> = {};
    if (r.next() < 0.7) {
      headers['content-type'] = r.pick([
        'application/json',
        'application/merge-patch+json',
        'application/json;charset=UTF-8',
      ]);
    }
    if (r.next() < 0.7) headers['X-Project-Id'] = r.string(HEADER_VALUE, 1, 32).trim() || 'p';
    const securityToken = r.next() < 0.3 ? r.string(UNRESERVED, 20, 60) : undefined;
    if (securityToken) headers['X-Security-Token'] = securityToken;
    const data = method === 'GET' || method === 'DELETE' || r.next() < 0.1 ? undefined : randomJson(r);
    const ak = r.string(UNRESERVED, 10, 20);
    const sk = r.string(UNRESERVED, 10, 40);
    const host = r.pick([
      'modelarts.cn-north-4.myhuaweicloud.com',
      '127.0.0.1:8443',
      'vpc.ap-southeast-1.myhuaweicloud.com',
    ]);
    const query = buildQuery(queryParams);
    const target = `${buildPath(...segments)}${trailingSlash}${query ? `?${query}` : ''}`;
    return {
      method,
      host,
      ak,
      sk,
      securityToken,
      headers,
      target,
      url: `https://${host}${target}`,
      body: data === undefined ? undefined : JSON.stringify(data),
      sdkRequest: {
        endpoint: `https://${host}/${segments.join('/')}${trailingSlash}`,
        method,
        headers: { ...headers },
        queryParams,
        data,
      },
    };
  }

  it('signs 3,000 random paths, queries, headers and bodies as the SDK does', () => {
    const seed = Number(process.env.SIGNER_SEED ?? Date.now() % 1_000_000);
    const r = random(seed);
    for (let i = 0; i < 3000; i++) {
      const request = randomRequest(r);
      const sdkHeaders = sdk.sign(request.sdkRequest, { getAk: () => request.ak, getSk: () => request.sk });
      const signedAt = parseSdkDate(sdkHeaders['X-Sdk-Date'] ?? '');
      assert.ok(signedAt);
      const { 'X-Security-Token': _token, ...sentHeaders } = request.headers;
      const ours = signRequest(
        { method: request.method, url: request.url, headers: sentHeaders, body: request.body },
        { accessKeyId: request.ak, secretAccessKey: request.sk, securityToken: request.securityToken },
        signedAt,
      );
      assert.equal(
        ours.Authorization,
        sdkHeaders.Authorization,
        `seed ${seed}, request ${i}: ${request.method} ${request.url}`,
      );
    }
  });

  it('accepts 1,000 random requests signed by the SDK, and rejects them with another SK', () => {
    const seed = Number(process.env.SIGNER_SEED ?? Date.now() % 1_000_000);
    const r = random(seed);
    for (let i = 0; i < 1000; i++) {
      const request = randomRequest(r);
      const sdkHeaders = sdk.sign(request.sdkRequest, { getAk: () => request.ak, getSk: () => request.sk });
      const received = {
        method: request.method,
        target: request.target,
        headers: Object.fromEntries(
          Object.entries(sdkHeaders).map(([name, value]) => [name.toLowerCase(), String(value)]),
        ),
        body: Buffer.from(request.body ?? ''),
      };
      const result = verifyRequest(received, (ak) => (ak === request.ak ? request.sk : undefined));
      assert.deepEqual(
        result,
        { ok: true, accessKeyId: request.ak },
        `seed ${seed}, request ${i}: ${request.method} ${request.url}`,
      );
      assert.equal(verifyRequest(received, () => `${request.sk}x`).ok, false);
    }
  });
});
