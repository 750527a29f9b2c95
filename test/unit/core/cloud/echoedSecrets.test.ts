// A server that echoes the request's headers back — a proxy's debug page, a gateway quoting the token it refused —
// in whatever encoding its language writes: as sent, UTF-16, percent-encoded, JSON-escaped as JSON.stringify, PHP
// (`\/`) and .NET (`\u002B`) write it or with every character escaped, base64, HTML character references, one
// inside another. None of it may reach the error (its message, serverMessage, causes, String and JSON), nor the
// "retrying…" log lines: the secrets are looked for with the security suite's own scanner, in every encoding it
// knows, and no run of 24 characters of them may be left either (a message is cut at 300 characters).
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { HttpClient, type RetryPolicy } from '../../../../src/core/cloud/http';
import { REDACTED, Redactor } from '../../../../src/core/cloud/redaction';
import { everythingIn } from '../../../support/faultSuite';
import { rejection } from '../../../support/rejection';
import { listenOnLoopback } from '../../../support/loopback';
import { describeFindings, type Needle, scanContent } from '../../../support/secretScan.mjs';

/** Longer than the 300 characters an error keeps of a server's message, with `+`, `/` and `=` as real tokens have. */
const TOKEN = `echo+Suite/Session=Token/${Buffer.from(Array.from({ length: 480 }, (_, i) => (i * 37 + 11) % 256)).toString('base64')}`;
const KEY = {
  accessKeyId: 'ECHOSUITEAK9K3L7M2QZ',
  secretAccessKey: 'echo-suite/secret+key=9f3a7c1e5b',
  securityToken: TOKEN,
};

type Encoding = (value: string) => string | Buffer;

const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);
const everyCharacterEscaped = (value: string) =>
  [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`).join('');

const ENCODINGS: Record<string, Encoding> = {
  'as sent': (value) => value,
  'UTF-16': (value) => Buffer.from(value, 'utf16le'),
  'percent-encoded': (value) => encodeURIComponent(value),
  'JSON-escaped as JSON.stringify writes it': jsonEscaped,
  'JSON-escaped as PHP writes it (\\/)': (value) => jsonEscaped(value).replace(/\//g, '\\/'),
  'JSON-escaped as .NET writes it (\\u002B)': (value) =>
    jsonEscaped(value).replace(/[+'<>&`]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`),
  'JSON-escaped, every character': everyCharacterEscaped,
  base64: (value) => Buffer.from(value).toString('base64'),
  'base64 at another alignment': (value) => Buffer.from(`x${value}`).toString('base64'),
  base64url: (value) => Buffer.from(`yz${value}`).toString('base64url'),
  'HTML character references': (value) => value.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.charCodeAt(0)};`),
  'percent-encoded, then JSON-escaped': (value) => encodeURIComponent(value).replace(/%/g, '\\u0025'),
};

/** Where the echo goes: the body of the answer, and its content type. */
const SHAPES = {
  'a JSON error body': {
    contentType: 'application/json',
    wrap: (echo: Buffer) => [`{"error_code": "APIGW.0302", "error_msg": "Bad request, headers received: `, echo, '"}'],
  },
  'a web page': {
    contentType: 'text/html',
    wrap: (echo: Buffer) => [
      '<html><head><title>Rejected ',
      echo,
      '</title></head><body>Request headers: ',
      echo,
      '</body></html>',
    ],
  },
  'plain text': { contentType: 'text/plain', wrap: (echo: Buffer) => ['headers received: ', echo] },
  'a list of address groups': {
    contentType: 'application/json',
    wrap: (echo: Buffer) => ['{"address_groups": [{"id": "g1", "name": "', echo, '", "ip_version": 4}]}'],
  },
} as const;

interface EchoServer {
  readonly url: string;
  /** Every Authorization header received: the signatures that must not come back either. */
  readonly authorizations: string[];
  answer(status: number, shape: keyof typeof SHAPES, encoding: Encoding): void;
  close(): Promise<void>;
}

async function echoServer(): Promise<EchoServer> {
  let reply: (req: IncomingMessage) => { status: number; contentType: string; body: Buffer } = () => ({
    status: 200,
    contentType: 'application/json',
    body: Buffer.from('{}'),
  });
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      authorizations.push(String(req.headers.authorization));
      const { status, contentType, body } = reply(req);
      res.writeHead(status, { 'Content-Type': contentType, 'X-Request-Id': 'echo-request' });
      res.end(body);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    authorizations,
    close,
    answer(status, shape, encoding) {
      reply = (req) => {
        const echoed = `X-Security-Token: ${String(req.headers['x-security-token'])}, Authorization: ${String(req.headers.authorization)}`;
        const encoded = encoding(echoed);
        const parts = SHAPES[shape].wrap(typeof encoded === 'string' ? Buffer.from(encoded) : encoded);
        return {
          status,
          contentType: SHAPES[shape].contentType,
          body: Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))),
        };
      };
    },
  };
}

const QUICK: RetryPolicy = { maxAttempts: 3, maxElapsedMs: 5_000, baseDelayMs: 1, maxDelayMs: 2 };

/**
 * The text with JSON escapes and HTML character references read back (twice: one may hide inside the other), so
 * that the scanner, which looks for fixed forms, also sees what a mix of escapes spells.
 */
function readBack(text: string): string {
  let result = text;
  for (let round = 0; round < 2; round++) {
    result = result.replace(
      /\\u([0-9a-fA-F]{4})|\\\/|&#(\d+);|&#x([0-9a-fA-F]+);/g,
      (all, unicode?: string, decimal?: string, hex?: string) => {
        if (unicode !== undefined) return String.fromCharCode(parseInt(unicode, 16));
        if (decimal !== undefined) return String.fromCodePoint(Number(decimal));
        if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
        return all === '\\/' ? '/' : all;
      },
    );
  }
  return result;
}

/**
 * Runs of 24 characters of a secret, as needles of their own: a message is cut at 300 characters, and what is left of
 * a long token there must not be found either, in any encoding the scanner knows.
 */
function windowsOf(label: string, secret: string): Needle[] {
  const windows: Needle[] = [];
  for (let i = 0; i + 24 <= secret.length; i += 12) {
    windows.push({ label: `${label} [${i}…${i + 24}]`, value: secret.slice(i, i + 24) });
  }
  return windows;
}

function assertNothingSecret(text: string, needles: Needle[], context: string): void {
  for (const [form, what] of [
    [text, 'as it is'],
    [readBack(text), 'its escapes read back'],
  ] as const) {
    const findings = scanContent(`${context} (${what})`, form, needles);
    assert.deepEqual(findings, [], describeFindings(findings));
  }
}

describe('secrets a server echoes, in any encoding, reach no error and no log line', () => {
  let server: EchoServer;
  before(async () => {
    server = await echoServer();
  });
  after(() => server.close());

  const needles = (): Needle[] => [
    { label: 'SK', value: KEY.secretAccessKey },
    { label: 'AK', value: KEY.accessKeyId },
    ...windowsOf('security token', TOKEN),
    ...server.authorizations.flatMap((authorization, i) => [
      ...windowsOf(`Authorization ${i}`, authorization),
      { label: `signature ${i}`, value: /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '' },
    ]),
  ];

  for (const [encodingName, encoding] of Object.entries(ENCODINGS)) {
    for (const [shape, status] of [
      ['a JSON error body', 400],
      ['a JSON error body', 503],
      ['a web page', 502],
      ['plain text', 200],
    ] as const) {
      it(`${encodingName}, in ${shape} answered ${status}`, async () => {
        server.authorizations.length = 0;
        server.answer(status, shape, encoding);
        const log: string[] = [];
        const http = new HttpClient({
          signingKey: async () => KEY,
          retry: QUICK,
          sleep: async () => {},
          log: (line) => log.push(line),
        });
        const error = await rejection(
          http.send({ method: 'GET', baseUrl: server.url, path: '/v3/p/vpc/address-groups' }),
        );
        assert.equal(error.status, status);
        if (status === 503) {
          assert.ok(
            log.some((line) => line.startsWith('retrying')),
            'a 503 is retried, and said so in the log',
          );
        }
        const everything = [
          everythingIn(error),
          String(error),
          JSON.stringify(error),
          error.serverMessage ?? '',
          ...log,
        ].join('\n');
        assertNothingSecret(everything, needles(), `${encodingName} / ${shape}`);
      });
    }
  }

  it('nor a successful answer: a list whose item quotes them reads them redacted', async () => {
    server.authorizations.length = 0;
    server.answer(200, 'a list of address groups', ENCODINGS['JSON-escaped as .NET writes it (\\u002B)'] as Encoding);
    const groups = new AddressGroupsApi(
      new HttpClient({ signingKey: async () => KEY, retry: QUICK, sleep: async () => {} }),
      server.url,
      'p',
    );
    const page = await groups.listPage();
    assert.equal(page.addressGroups[0]?.name, `X-Security-Token: ${REDACTED}, Authorization: ${REDACTED}`);
    assertNothingSecret(JSON.stringify(page), needles(), 'list');
  });

  it("nor the answer's headers that an error or a log line shows: X-Request-Id, Content-Type, a redirect's host", async () => {
    const headerServer = await listenOnLoopback(
      createServer((req, res) => {
        req.resume();
        const token = String(req.headers['x-security-token']);
        if (req.url === '/redirect') res.writeHead(302, { Location: `https://${KEY.accessKeyId}.example.test/` });
        else {
          res.writeHead(200, {
            'Content-Type': `text/x-${encodeURIComponent(token)}`,
            'X-Request-Id': `req-${jsonEscaped(token).replace(/\//g, '\\/')}`,
          });
        }
        res.end('not json');
      }),
    );
    try {
      const log: string[] = [];
      const http = new HttpClient({
        signingKey: async () => KEY,
        retry: QUICK,
        sleep: async () => {},
        log: (line) => log.push(line),
      });
      const error = await rejection(
        http.send({ method: 'GET', baseUrl: headerServer.url, path: '/v3/p/vpc/address-groups' }),
      );
      assert.match(error.message, /^HTTP 200: unexpected answer, not JSON \(text\/x-\[redacted\]\)/);
      assert.equal(error.requestId, `req-${REDACTED}`);
      assertNothingSecret(
        [everythingIn(error), String(error), ...log].join('\n'),
        [...windowsOf('security token', TOKEN)],
        'headers',
      );
      const redirect = await rejection(http.send({ method: 'GET', baseUrl: headerServer.url, path: '/redirect' }));
      assert.match(
        redirect.message,
        /^HTTP 302: the server answered with a redirect to https:\/\/\[redacted\]\.example\.test,/,
      );
      assert.ok(
        ![everythingIn(redirect), ...log].join('\n').toLowerCase().includes(KEY.accessKeyId.toLowerCase()),
        'the access key, in lower case, is in the redirect error',
      );
    } finally {
      await headerServer.close();
    }
  });

  it('nor the error a create wraps around the refusal (its cause)', async () => {
    server.authorizations.length = 0;
    server.answer(400, 'a JSON error body', ENCODINGS['JSON-escaped as .NET writes it (\\u002B)'] as Encoding);
    const http = new HttpClient({ signingKey: async () => KEY, retry: QUICK, sleep: async () => {} });
    const groups = new AddressGroupsApi(http, server.url, 'p');
    const error = await rejection(
      groups.create(
        { address_group: { name: 'web', ip_version: 4, ip_set: ['10.0.0.1'] } },
        { existingBefore: { ids: new Set() } },
      ),
    );
    assert.equal(error.changeOutcome, 'notCreated');
    assert.ok(error.cause instanceof HuaweiCloudError, 'the refusal is the cause');
    assert.match(error.message, /\[redacted\]/, 'the echo was redacted, not dropped');
    assertNothingSecret([everythingIn(error), String(error)].join('\n'), needles(), 'create');
  });
});

describe('the redactor', () => {
  const dotNet = ENCODINGS['JSON-escaped as .NET writes it (\\u002B)'] as (value: string) => string;

  it('finds a secret across the windows a long text is searched in', () => {
    const redactor = new Redactor([TOKEN]);
    for (const before of [(1 << 18) - 40, (1 << 18) + 7, 3 * (1 << 18) - 1]) {
      const text = `${'x'.repeat(before)}${dotNet(TOKEN)}${'y'.repeat(1000)}`;
      assert.equal(
        redactor.redact(text),
        `${'x'.repeat(before)}${REDACTED}${'y'.repeat(1000)}`,
        `${before} characters before it`,
      );
    }
  });

  it('gives back a text without secrets as it was, escapes and all', () => {
    const text = 'a \\u0041 \\/ %41%E4%B8%80 %ZZ &#43;&#x1F600;&amp;&bogus; \\q % & \\';
    assert.equal(new Redactor([TOKEN, KEY.secretAccessKey]).redact(text), text);
  });

  it('reads percent-encoded UTF-8 back: a secret of any characters is found', () => {
    const secret = 'ключ-доступа/秘密+鍵=0123456789';
    const text = `a=${encodeURIComponent(secret)}&b=${encodeURIComponent(secret).replace(/%/g, '%25')}&c=${everyCharacterEscaped(secret)}`;
    assert.equal(new Redactor([secret]).redact(text), `a=${REDACTED}&b=${REDACTED}&c=${REDACTED}`);
  });
});
