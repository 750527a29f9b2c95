// The client against answers a hostile or careless server could give: redirects, huge bodies, compression
// bombs, markup where JSON belongs, and libraries that quote header values in their errors.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createGzip } from 'node:zlib';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  HttpClient,
  type HttpClientOptions,
  type HttpMethod,
} from '../../../../src/core/cloud/http';
import { TEST_KEY } from '../../../support/fakeCloud';
import { listenOnLoopback } from '../../../support/loopback';

interface RawServer {
  readonly url: string;
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  handle(handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/** A plain server on 127.0.0.1 that records what reaches it and answers as the test says. */
async function rawServer(): Promise<RawServer> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}');
  const requests: RawServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handler(req, res);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    handle(next) {
      handler = next;
    },
    close,
  };
}

const client = (overrides: Partial<HttpClientOptions> = {}) =>
  new HttpClient({
    signingKey: async () => ({ ...TEST_KEY, securityToken: 'session-token-value' }),
    sleep: async () => {},
    timeoutMs: 10_000,
    retry: { maxAttempts: 4, maxElapsedMs: 10_000, baseDelayMs: 1, maxDelayMs: 1 },
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<HuaweiCloudError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HuaweiCloudError, `not a HuaweiCloudError: ${String(error)}`);
    return error;
  }
  return assert.fail('the request did not fail');
}

/** Everything an error exposes: message, fields, cause. */
const exposed = (error: HuaweiCloudError) =>
  JSON.stringify({ ...error, message: error.message, stack: error.stack, cause: error.cause });

describe('redirects are never followed', () => {
  let origin: RawServer;
  let elsewhere: RawServer;
  before(async () => {
    origin = await rawServer();
    elsewhere = await rawServer();
  });
  after(async () => {
    await origin.close();
    await elsewhere.close();
  });

  for (const status of [301, 302, 303, 307, 308]) {
    for (const method of ['GET', 'PATCH', 'POST'] satisfies HttpMethod[]) {
      it(`${status} to ${method}: an error naming the status and the target host; nothing sent there`, async () => {
        origin.requests.length = 0;
        elsewhere.requests.length = 0;
        origin.handle((_req, res) => {
          res.writeHead(status, { Location: `${elsewhere.url}/steal?token=abc`, 'X-Request-Id': 'rid-redirect' });
          res.end('<html><body>Moved</body></html>');
        });
        elsewhere.handle((_req, res) => res.end('{"items":[]}'));
        const error = await failure(
          client().send({
            method,
            baseUrl: origin.url,
            path: '/v1/p/networks',
            projectId: 'p',
            ...(method === 'GET' ? {} : { body: { spec: {} } }),
          }),
        );
        assert.equal(elsewhere.requests.length, 0);
        assert.equal(origin.requests.length, 1, 'a redirect is not retried');
        assert.equal(error.status, status);
        assert.equal(error.kind, 'http');
        assert.equal(error.requestId, 'rid-redirect');
        assert.match(
          error.message,
          new RegExp(`HTTP ${status}: the server answered with a redirect to ${elsewhere.url.replace(/[.]/g, '\\.')}`),
        );
        assert.doesNotMatch(exposed(error), /steal|token=abc|session-token-value/);
      });
    }
  }

  it('an https endpoint redirected to http: refused the same way', async () => {
    origin.handle((_req, res) => {
      res.writeHead(307, { Location: 'http://collector.example.test/v1/p/networks' });
      res.end();
    });
    const error = await failure(client().send({ method: 'GET', baseUrl: origin.url, path: '/v1/p/networks' }));
    assert.match(
      error.message,
      /redirect to http:\/\/collector\.example\.test, and Huawei Cloud's APIs never redirect/,
    );
  });
});

describe('answers are bounded', () => {
  let server: RawServer;
  before(async () => {
    server = await rawServer();
  });
  after(() => server.close());

  /** Streams `total` bytes of `{"items":[…` in 64 KB chunks (through `through`, e.g. gzip), counting what it produced. */
  function streamHuge(total: number, encoding?: 'gzip') {
    const produced = { bytes: 0, finished: false };
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', ...(encoding ? { 'Content-Encoding': encoding } : {}) });
      const sink = encoding ? createGzip() : undefined;
      if (sink) sink.pipe(res);
      const out = sink ?? res;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const writeMore = () => {
        while (produced.bytes < total && !res.destroyed) {
          produced.bytes += chunk.length;
          if (!out.write(chunk)) return void out.once('drain', writeMore);
        }
        if (!res.destroyed) {
          produced.finished = true;
          out.end();
        }
      };
      res.on('close', () => sink?.destroy());
      writeMore();
    });
    return produced;
  }

  it('stops reading past the limit and says so', async () => {
    const produced = streamHuge(64 * 1024 * 1024);
    const error = await failure(
      client({ maxResponseBytes: 1024 * 1024 }).send({ method: 'GET', baseUrl: server.url, path: '/big' }),
    );
    assert.equal(error.kind, 'unexpected');
    assert.match(error.message, /the answer is larger than 1 MB; reading stopped there/);
    assert.equal(produced.finished, false, 'the client read the whole 64 MB body');
  });

  it('stops inflating a gzip bomb at the limit (decoded bytes are counted)', async () => {
    const produced = streamHuge(300 * 1024 * 1024, 'gzip');
    const before = process.memoryUsage().rss;
    const error = await failure(
      client({ maxResponseBytes: 2 * 1024 * 1024 }).send({ method: 'GET', baseUrl: server.url, path: '/bomb' }),
    );
    assert.match(error.message, /larger than 2 MB/);
    assert.equal(produced.finished, false, 'the client inflated the whole bomb');
    assert.ok(
      produced.bytes < 64 * 1024 * 1024,
      `the server produced ${produced.bytes} bytes before the client stopped`,
    );
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
  });

  it('applies 32 MB by default', async () => {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 32 * 1024 * 1024);

    const produced = streamHuge(48 * 1024 * 1024);
    const error = await failure(client().send({ method: 'GET', baseUrl: server.url, path: '/big' }));
    assert.match(error.message, /larger than 32 MB/);
    assert.equal(produced.finished, false);
  });

  it('reads an answer just under the limit', async () => {
    const body = JSON.stringify({ items: ['x'.repeat(1000)] });
    server.handle((_req, res) => res.end(body));
    const response = await client({ maxResponseBytes: body.length }).send<{ items: string[] }>({
      method: 'GET',
      baseUrl: server.url,
      path: '/ok',
    });
    assert.equal(response.body.items[0]?.length, 1000);
  });
});

describe('answers cut short', () => {
  let server: RawServer;
  before(async () => {
    server = await rawServer();
  });
  after(() => server.close());

  /** Announces 120 bytes, sends the first `sent`, then closes the connection. */
  const cutAfter = (sent: number) =>
    server.handle((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': '120' });
      res.write(
        '{"address_group": {"id": "0b5e", "name": "g", "ip_version": 4}, "request_id": "r"}'.slice(0, sent),
        () => res.socket?.destroy(),
      );
    });

  it('a POST whose answer closes before its Content-Length: a network failure after sending, never repeated', async () => {
    server.requests.length = 0;
    cutAfter(40);
    const error = await failure(
      client().send({ method: 'POST', baseUrl: server.url, path: '/v3/p/vpc/address-groups', body: {} }),
    );
    assert.equal(server.requests.length, 1, 'the POST was repeated');
    assert.equal(error.kind, 'connection');
    assert.equal(error.notSent, false);
    assert.equal(error.status, 201);
    assert.match(
      error.message,
      /^the connection closed after 40 of the 120 bytes the answer announced: it arrived incomplete/,
    );
    assert.doesNotMatch(exposed(error), /SDK-HMAC|TESTAK|test-secret-key|session-token-value/);
  });

  it('a GET whose answer closes early is repeated like any lost connection', async () => {
    server.requests.length = 0;
    cutAfter(0);
    const error = await failure(
      client().send({ method: 'GET', baseUrl: server.url, path: '/v3/p/vpc/address-groups' }),
    );
    assert.equal(server.requests.length, 4);
    assert.match(error.message, /^the connection closed after 0 of the 120 bytes the answer announced/);
  });
});

describe('markup is reduced to text', () => {
  let server: RawServer;
  before(async () => {
    server = await rawServer();
  });
  after(() => server.close());

  it('a 200 with an HTML page is an unexpected answer named by its title, with the request id', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'X-Request-Id': 'rid-html' });
      res.end(
        '<!DOCTYPE html><html><head><title>Captive Portal &amp; Login</title><script>var x="<b>"</script></head><body><h1>Sign in</h1></body></html>',
      );
    });
    const error = await failure(client().send({ method: 'GET', baseUrl: server.url, path: '/v1/p/networks' }));
    assert.equal(error.kind, 'unexpected');
    assert.equal(error.status, 200);
    assert.equal(error.requestId, 'rid-html');
    assert.match(
      error.message,
      /HTTP 200: unexpected answer, a web page \(text\/html\) instead of the API's JSON \(Captive Portal & Login\)/,
    );
    assert.doesNotMatch(error.message, /[<>]/);
  });

  it('an HTML page without a title gives its first line of text', async () => {
    server.handle((_req, res) => {
      res.writeHead(502);
      res.end('<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>');
    });
    const error = await failure(
      client({ retry: { maxAttempts: 1, maxElapsedMs: 1, baseDelayMs: 1, maxDelayMs: 1 } }).send({
        method: 'GET',
        baseUrl: server.url,
        path: '/x',
      }),
    );
    assert.match(error.message, /"502 Bad Gateway"/);
    assert.doesNotMatch(error.message, /[<>]|nginx/);
  });

  it('markup inside a JSON error message loses its tags', async () => {
    server.handle((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'VPC.9901', error_msg: '<img src=x onerror=alert(1)><b>bad</b> ip_set' }));
    });
    const error = await failure(client().send({ method: 'GET', baseUrl: server.url, path: '/x' }));
    assert.equal(error.code, 'VPC.9901');
    assert.doesNotMatch(error.message, /[<>]|onerror/);
    assert.match(error.message, /bad ip_set/);
  });
});

describe('no header value rides along in an error', () => {
  let server: RawServer;
  before(async () => {
    server = await rawServer();
  });
  after(() => server.close());

  for (const [what, token] of [
    ['a line break', 'tok\nINJECTED-TOKEN-SECRET'],
    ['a NUL', 'tok\0INJECTED-TOKEN-SECRET'],
    ['a non-Latin-1 character', 'токен-INJECTED-TOKEN-SECRET'],
  ] as const) {
    it(`a security token holding ${what}: a configuration error, not sent, no secret in it`, async () => {
      server.requests.length = 0;
      const bad = client({ signingKey: async () => ({ ...TEST_KEY, securityToken: token }) });
      const error = await failure(bad.send({ method: 'POST', baseUrl: server.url, path: '/v1/p/networks', body: {} }));
      assert.equal(server.requests.length, 0);
      assert.equal(error.kind, 'configuration');
      assert.equal(error.notSent, true);
      assert.doesNotMatch(exposed(error), /INJECTED-TOKEN-SECRET|SDK-HMAC|TESTAK|test-secret-key/);
    });
  }
});
