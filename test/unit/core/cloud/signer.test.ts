import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  buildQuery,
  canonicalQuery,
  canonicalUri,
  computeSignature,
  EMPTY_BODY_SHA256,
  formatSdkDate,
  parseSdkDate,
  type ReceivedRequest,
  signRequest,
  UNSIGNED_PAYLOAD,
  verifyRequest,
} from '../../../../src/core/cloud/signer';
import { buildPath } from '../../../../src/core/cloud/pathSegments';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

describe('signer: published test vectors', () => {
  it('official signing guide: GET with a query, content-type, host and x-sdk-date signed', () => {
    const result = computeSignature(
      {
        method: 'GET',
        rawPath: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
        rawQuery: 'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        signedHeaders: new Map([
          ['content-type', 'application/json'],
          ['host', 'service.region.example.com'],
          ['x-sdk-date', '20191115T033655Z'],
        ]),
        payloadHash: EMPTY_BODY_SHA256,
      },
      '20191115T033655Z',
      'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
    );
    assert.equal(sha256(result.canonical), 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    assert.equal(result.signature, '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
    assert.equal(result.signedHeaderNames, 'content-type;host;x-sdk-date');
  });

  it('the same vector through signRequest, from the URL and headers that are sent', () => {
    const headers = signRequest(
      {
        method: 'GET',
        url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        headers: { 'Content-Type': 'application/json' },
      },
      { accessKeyId: 'QTWAOYTTINDUT2QVKYUC', secretAccessKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' },
      new Date('2019-11-15T03:36:55Z'),
    );
    assert.equal(headers['X-Sdk-Date'], '20191115T033655Z');
    assert.equal(
      headers.Authorization,
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, ' +
        'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it('Go SDK test 1: GET /path?limit=1, only x-sdk-date signed', () => {
    const { signature } = computeSignature(
      {
        method: 'GET',
        rawPath: '/path',
        rawQuery: 'limit=1',
        signedHeaders: new Map([['x-sdk-date', '20060102T150405Z']]),
        payloadHash: EMPTY_BODY_SHA256,
      },
      '20060102T150405Z',
      'SecretKey',
    );
    assert.equal(signature, '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
  });

  it('Go SDK test 2: POST /path?key=value with a JSON body ending in a newline', () => {
    const { signature } = computeSignature(
      {
        method: 'POST',
        rawPath: '/path',
        rawQuery: 'key=value',
        signedHeaders: new Map([['x-sdk-date', '20060102T150405Z']]),
        payloadHash: sha256('{"Name":"test","Id":1}\n'),
      },
      '20060102T150405Z',
      'SecretKey',
    );
    assert.equal(signature, 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });

  it('Go and Python SDK tests: the canonical query string', () => {
    const expected =
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29';
    const query = buildQuery({ test: '一 (&=?!#%.*)', multi: [3, 1, 2], path: '/tmp/123', limit: 1, enable: true });
    assert.equal(query, expected);
    // What is sent is what is signed: canonicalising the sent query changes nothing.
    assert.equal(canonicalQuery(query), expected);
  });
});

describe('signer: what is signed is what is sent', () => {
  const key = { accessKeyId: 'AK', secretAccessKey: 'SK' };
  const now = new Date('2026-11-23T10:00:00Z');

  it('encodes spaces as %20 (never +), reserved characters, and unicode in queries', () => {
    assert.equal(buildQuery({ name: 'a b+c', x: 'é/?#&=' }), 'name=a%20b%2Bc&x=%C3%A9%2F%3F%23%26%3D');
  });

  it('leaves out undefined and null values, keeps empty strings', () => {
    assert.equal(buildQuery({ a: undefined, b: null, c: '', d: 0 }), 'c=&d=0');
  });

  it('sorts repeated keys by value and keys by code unit', () => {
    assert.equal(canonicalQuery('name=b&id=2&name=a&ID=1'), 'ID=1&id=2&name=a&name=b');
  });

  it('always ends the canonical URI with a slash, and keeps a trailing slash single', () => {
    assert.equal(canonicalUri('/v1/p/networks'), '/v1/p/networks/');
    assert.equal(canonicalUri('/v1/p/networks/'), '/v1/p/networks/');
    assert.equal(canonicalUri('/'), '/');
  });

  it('encodes path segments once, whatever form they arrive in', () => {
    assert.equal(buildPath('v1', 'a b', 'é'), '/v1/a%20b/%C3%A9');
    assert.equal(canonicalUri('/v1/a%20b/%C3%A9'), '/v1/a%20b/%C3%A9/');
    assert.equal(canonicalUri("/v1/a(b)!*'"), '/v1/a%28b%29%21%2A%27/');
  });

  it('signs host, x-sdk-date, and x-project-id / x-security-token / content-type when present', () => {
    const headers = signRequest(
      {
        method: 'POST',
        url: 'http://127.0.0.1:8080/v1/p/networks',
        body: '{}',
        headers: { 'Content-Type': 'application/json', 'X-Project-Id': 'p', 'User-Agent': 'not signed' },
      },
      { ...key, securityToken: 'token' },
      now,
    );
    assert.equal(headers['X-Security-Token'], 'token');
    assert.match(
      headers.Authorization ?? '',
      /SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,/,
    );
  });

  it('hashes the exact body bytes, and an empty body as the empty hash', () => {
    const sign = (body?: string) =>
      signRequest({ method: 'PUT', url: 'https://h/x', headers: {}, body }, key, now).Authorization;
    assert.equal(sign(undefined), sign(''));
    assert.notEqual(sign('{"a":1}'), sign('{"a": 1}'));
  });

  it('formats and parses X-Sdk-Date', () => {
    assert.equal(formatSdkDate(new Date('2019-11-15T03:36:55.789Z')), '20191115T033655Z');
    assert.equal(parseSdkDate('20191115T033655Z')?.toISOString(), '2019-11-15T03:36:55.000Z');
    assert.equal(parseSdkDate('2019-11-15T03:36:55Z'), undefined);
  });
});

describe('verifier', () => {
  const secrets = new Map([['AK1', 'SK1']]);
  const secretFor = (ak: string) => secrets.get(ak);
  const now = new Date('2026-11-23T10:00:00Z');

  function signed(
    overrides: { body?: string; headers?: Record<string, string>; url?: string } = {},
  ): ReceivedRequest & { headers: Record<string, string> } {
    const url = overrides.url ?? 'http://127.0.0.1:9000/v3/p/vpc/address-groups?limit=5&name=a%20b';
    const body = overrides.body ?? '';
    const headers = signRequest(
      { method: 'GET', url, headers: { 'X-Project-Id': 'p', ...overrides.headers }, body },
      { accessKeyId: 'AK1', secretAccessKey: 'SK1' },
      now,
    );
    const parsed = new URL(url);
    const lower: Record<string, string> = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return {
      method: 'GET',
      target: parsed.pathname + parsed.search,
      headers: { ...lower, host: parsed.host },
      body: Buffer.from(body),
    };
  }

  it('accepts what signRequest signed', () => {
    assert.deepEqual(verifyRequest(signed(), secretFor, now), { ok: true, accessKeyId: 'AK1' });
  });

  it('rejects a wrong SK, an unknown AK, a changed query, body or signed header', () => {
    const request = signed();
    assert.equal(verifyRequest(request, () => 'other', now).ok, false);
    assert.equal(verifyRequest(request, () => undefined, now).ok, false);
    assert.equal(
      verifyRequest({ ...request, target: request.target.replace('limit=5', 'limit=6') }, secretFor, now).ok,
      false,
    );
    assert.equal(verifyRequest({ ...request, body: Buffer.from('x') }, secretFor, now).ok, false);
    assert.equal(
      verifyRequest({ ...request, headers: { ...request.headers, 'x-project-id': 'q' } }, secretFor, now).ok,
      false,
    );
  });

  it('rejects a date more than 15 minutes off, and accepts one just within', () => {
    const request = signed();
    assert.equal(verifyRequest(request, secretFor, new Date(now.getTime() + 15 * 60_000)).ok, true);
    const late = verifyRequest(request, secretFor, new Date(now.getTime() + 15 * 60_000 + 1000));
    assert.deepEqual(late, { ok: false, reason: 'X-Sdk-Date is more than 15 minutes away from the server clock' });
  });

  it('requires x-project-id to be signed when it is sent', () => {
    // Correctly signed over host and x-sdk-date only, then an X-Project-Id added that the signature does not cover.
    const request = signed({ url: 'http://127.0.0.1:9000/v1/p/networks' });
    const { signature } = computeSignature(
      {
        method: 'GET',
        rawPath: '/v1/p/networks',
        rawQuery: '',
        signedHeaders: new Map([
          ['host', '127.0.0.1:9000'],
          ['x-sdk-date', '20261123T100000Z'],
        ]),
        payloadHash: EMPTY_BODY_SHA256,
      },
      '20261123T100000Z',
      'SK1',
    );
    const headers = {
      host: '127.0.0.1:9000',
      'x-sdk-date': '20261123T100000Z',
      authorization: `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=${signature}`,
    };
    assert.equal(verifyRequest({ ...request, headers }, secretFor, now).ok, true);
    assert.deepEqual(verifyRequest({ ...request, headers: { ...headers, 'x-project-id': 'p' } }, secretFor, now), {
      ok: false,
      reason: 'the x-project-id header is not signed',
    });
  });

  it('accepts UNSIGNED-PAYLOAD for any body, as the SDKs send for non-JSON bodies', () => {
    const request = signed({ headers: { 'X-Sdk-Content-Sha256': UNSIGNED_PAYLOAD }, body: 'anything' });
    assert.equal(verifyRequest({ ...request, body: Buffer.from('something else') }, secretFor, now).ok, true);
  });
});
