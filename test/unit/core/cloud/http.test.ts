import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HuaweiCloudError, parseErrorBody } from '../../../../src/core/cloud/errors';
import {
  backoffDelay,
  DEFAULT_RETRY,
  HttpClient,
  type HttpClientOptions,
  parseRetryAfter,
} from '../../../../src/core/cloud/http';
import { abortableSleep } from '../../../../src/core/cloud/abort';
import { buildPath } from '../../../../src/core/cloud/pathSegments';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../../../support/fakeCloud';

describe('error bodies', () => {
  it('reads {error_code, error_msg}, {code, message}, {error: {code, message}} and a request_id', () => {
    assert.deepEqual(parseErrorBody('{"error_code":"ModelArts.50025001","error_msg":"Network not exist."}'), {
      code: 'ModelArts.50025001',
      message: 'Network not exist.',
    });
    assert.deepEqual(parseErrorBody('{"code":"VPC.9904","message":"not found","request_id":"r1"}'), {
      code: 'VPC.9904',
      message: 'not found',
      requestId: 'r1',
    });
    assert.deepEqual(parseErrorBody('{"error":{"code":"APIGW.0308","message":"limit:10, time:1 second"}}'), {
      code: 'APIGW.0308',
      message: 'limit:10, time:1 second',
    });
  });

  it('never throws: HTML, empty, arrays, numbers and truncated JSON', () => {
    assert.deepEqual(
      parseErrorBody('<html><head><style>b{}</style></head><body><h1>502 Bad Gateway</h1>nginx</body></html>'),
      { message: '502 Bad Gateway' },
    );
    assert.deepEqual(parseErrorBody(''), {});
    assert.deepEqual(parseErrorBody('[1,2]'), {});
    assert.deepEqual(parseErrorBody('42'), {});
    assert.deepEqual(parseErrorBody('{"error_code": "VPC.99'), { message: 'its body was cut short' });
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('backs off exponentially with full jitter, capped', () => {
    assert.equal(
      backoffDelay(0, DEFAULT_RETRY, () => 1),
      500,
    );
    assert.equal(
      backoffDelay(3, DEFAULT_RETRY, () => 1),
      4000,
    );
    assert.equal(
      backoffDelay(10, DEFAULT_RETRY, () => 1),
      8000,
    );
    assert.equal(
      backoffDelay(3, DEFAULT_RETRY, () => 0),
      0,
    );
  });
});

describe('HttpClient against a signature-checking server on 127.0.0.1', () => {
  let cloud: FakeCloud;
  let sleeps: number[];
  let logLines: string[];

  const client = (overrides: Partial<HttpClientOptions> = {}) =>
    new HttpClient({
      signingKey: async () => TEST_KEY,
      random: () => 1,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      log: (line) => logLines.push(line),
      timeoutMs: 2000,
      ...overrides,
    });
  const get = (c = client(), extra: object = {}) =>
    c.send<{ ok: boolean }>({ method: 'GET', baseUrl: cloud.url, path: '/v1/p/networks', ...extra });
  const post = (c = client()) => c.send({ method: 'POST', baseUrl: cloud.url, path: '/v1/p/networks', body: { a: 1 } });
  const rejection = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof HuaweiCloudError, `not a HuaweiCloudError: ${String(error)}`);
      return error;
    }
    assert.fail('the request did not fail');
  };

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
    sleeps = [];
    logLines = [];
  });

  it('sends a signed request with a query exactly as signed (spaces as %20, unicode, repeated keys)', async () => {
    cloud.handle(() => ({ status: 200, body: { ok: true }, headers: { 'X-Request-Id': 'req-1' } }));
    const response = await get(client(), {
      path: buildPath('v3', 'p', 'vpc', 'address-groups'),
      query: { name: ['b c', 'a'], limit: 5, x: '一' },
      projectId: 'p',
    });
    assert.deepEqual(response, { status: 200, body: { ok: true }, requestId: 'req-1' });
    assert.equal(cloud.calls[0]?.target, '/v3/p/vpc/address-groups?limit=5&name=a&name=b%20c&x=%E4%B8%80');
    assert.equal(cloud.calls[0]?.headers['x-project-id'], 'p');
  });

  it('sends the JSON body it signed', async () => {
    cloud.handle(() => ({ status: 200, body: {} }));
    await post();
    assert.equal(cloud.calls[0]?.body, '{"a":1}');
    assert.equal(cloud.calls[0]?.headers['content-type'], 'application/json');
  });

  it('turns an error answer into one error with code, message, status and the X-Request-Id', async () => {
    cloud.handle(() => ({
      status: 404,
      body: { error_code: 'ModelArts.50025001', error_msg: 'Network not exist.' },
      headers: { 'X-Request-Id': 'req-404' },
    }));
    const error = await rejection(get());
    assert.equal(error.status, 404);
    assert.equal(error.code, 'ModelArts.50025001');
    assert.equal(error.requestId, 'req-404');
    assert.match(
      error.message,
      /^ModelArts\.50025001: the network does not exist \(Network not exist\.\) .*request id req-404$/,
    );
  });

  it('takes the request id from a VPC body when there is no header', async () => {
    cloud.handle(() => ({ status: 409, body: { code: 'VPC.9907', message: 'in use', request_id: 'body-id' } }));
    const error = await rejection(get(client(), { method: 'DELETE' }));
    assert.equal(error.requestId, 'body-id');
    assert.match(error.message, /force delete/);
  });

  it('survives an HTML page from a proxy', async () => {
    cloud.handle(() => ({ status: 502, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>' }));
    const error = await rejection(get(client({ retry: { ...DEFAULT_RETRY, maxAttempts: 1 } })));
    assert.equal(error.status, 502);
    assert.match(
      error.message,
      /HTTP 502: bad gateway \(the server answered with a web page, not the API: "502 Bad Gateway"\)/,
    );
  });

  it('never retries a 401, and says what to check', async () => {
    const error = await rejection(get(client({ signingKey: async () => ({ ...TEST_KEY, secretAccessKey: 'wrong' }) })));
    assert.equal(error.status, 401);
    assert.equal(cloud.calls.length, 0); // rejected at the gateway, before the handler
    assert.equal(sleeps.length, 0);
    assert.match(error.message, /^APIGW\.0301: the signature was rejected — check the SK and the machine's clock/);
    assert.doesNotMatch(error.message, /wrong|test-secret/);
  });

  it('retries a GET on 429 APIGW.0308, honouring Retry-After', async () => {
    let n = 0;
    cloud.handle(() =>
      ++n === 1
        ? {
            status: 429,
            body: { error_code: 'APIGW.0308', error_msg: 'limit:10, time:1 second' },
            headers: { 'Retry-After': '3' },
          }
        : { status: 200, body: { ok: true } },
    );
    const response = await get();
    assert.equal(response.status, 200);
    assert.deepEqual(sleeps, [3000]);
  });

  it('retries a GET on 5xx and connection resets with growing backoff, up to the attempt limit', async () => {
    let n = 0;
    cloud.handle(() => (++n % 2 ? { status: 503, body: { code: 'x', message: 'busy' } } : { drop: true }));
    const error = await rejection(get());
    assert.equal(cloud.calls.length, 4);
    assert.deepEqual(sleeps, [500, 1000, 2000]);
    assert.equal(error.kind, 'connection');
  });

  it('stops retrying when the time budget would be exceeded', async () => {
    cloud.handle(() => ({ status: 503, body: {}, headers: { 'Retry-After': '60' } }));
    const error = await rejection(get());
    assert.equal(error.status, 503);
    assert.equal(cloud.calls.length, 1);
  });

  it('never repeats a POST that may have reached the service (5xx, reset, timeout)', async () => {
    cloud.handle(() => ({ status: 500, body: {} }));
    assert.equal((await rejection(post())).status, 500);
    cloud.handle(() => ({ drop: true }));
    assert.equal((await rejection(post())).kind, 'connection');
    cloud.handle(() => ({ hang: true }));
    assert.equal((await rejection(post(client({ timeoutMs: 200 })))).kind, 'timeout');
    assert.equal(cloud.calls.length, 3);
  });

  it('repeats a POST that the gateway throttled', async () => {
    let n = 0;
    cloud.handle(() =>
      ++n === 1
        ? { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled' } }
        : { status: 200, body: {} },
    );
    await post();
    assert.equal(cloud.calls.length, 2);
  });

  it('repeats any request whose connection was refused (it was never sent)', async () => {
    const closed = await startFakeCloud();
    const url = closed.url;
    await closed.close();
    const error = await rejection(client().send({ method: 'POST', baseUrl: url, path: '/x', body: {} }));
    assert.equal(error.kind, 'connection');
    assert.equal(error.notSent, true);
    assert.equal(sleeps.length, 3);
  });

  it('times out a request that gets no answer', async () => {
    cloud.handle(() => ({ hang: true }));
    const started = Date.now();
    const error = await rejection(get(client({ timeoutMs: 300, retry: { ...DEFAULT_RETRY, maxAttempts: 1 } })));
    assert.equal(error.kind, 'timeout');
    assert.ok(Date.now() - started < 2000);
  });

  it('stops at once when cancelled, even while waiting to retry', async () => {
    cloud.handle(() => ({ hang: true }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(get(client({ timeoutMs: 10_000 }), { signal: controller.signal }));
    assert.equal(error.kind, 'cancelled');
    assert.equal(cloud.calls.length, 1);

    cloud.handle(() => ({ status: 503, body: {} }));
    const waiting = new AbortController();
    const realSleep = client({ sleep: abortableSleep, retry: { ...DEFAULT_RETRY, baseDelayMs: 5000 } });
    setTimeout(() => waiting.abort(), 100);
    const started = Date.now();
    const afterServerError = await rejection(get(realSleep, { signal: waiting.signal }));
    assert.equal(afterServerError.kind, 'cancelled');
    assert.ok(Date.now() - started < 2000);
    // The 503 may have been acted on: cancelling the wait proves nothing was done no more than the 503 did.
    assert.equal(afterServerError.notSent, false);

    cloud.handle(() => ({ status: 429, body: {} }));
    const throttled = new AbortController();
    setTimeout(() => throttled.abort(), 100);
    assert.equal(
      (await rejection(get(realSleep, { signal: throttled.signal }))).notSent,
      true,
      'a request throttled unread and then cancelled was never acted on',
    );
  });

  it('keeps no request headers, token or query in a connection error, its cause or its message', async () => {
    cloud.handle(() => ({ drop: true }));
    const withToken = client({
      signingKey: async () => ({ ...TEST_KEY, securityToken: 'a-session-token' }),
      retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
    });
    const error = await rejection(get(withToken, { query: { name: 'private-group' } }));
    assert.equal(error.kind, 'connection');
    assert.deepEqual(Object.keys(error.cause as object).sort(), ['code', 'message', 'name']);
    const everything = JSON.stringify({ ...error, message: error.message, cause: error.cause });
    assert.doesNotMatch(everything, /a-session-token|SDK-HMAC|private-group|test-secret/);
  });

  it('refuses a request it cannot build as a configuration error, without sending or retrying it', async () => {
    const error = await rejection(client().send({ method: 'GET', baseUrl: 'not a url', path: '/x' }));
    assert.equal(error.kind, 'configuration');
    assert.equal(sleeps.length, 0);
  });

  it('logs each request without headers, bodies or secrets', async () => {
    cloud.handle(() => ({ status: 200, body: { secret: 'x' }, headers: { 'X-Request-Id': 'rid' } }));
    await get(client(), { query: { marker: 'm' } });
    assert.equal(logLines.length, 1);
    assert.match(
      logLines[0] ?? '',
      /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/p\/networks → 200 in \d+ ms \(request id rid\)$/,
    );
    assert.doesNotMatch(logLines.join('\n'), new RegExp(`${TEST_KEY.secretAccessKey}|Authorization|SDK-HMAC`));
  });
});
