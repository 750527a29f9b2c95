// Fault suite: answers spoiled on the way — JSON cut in half, a body cut short of its Content-Length by a closed
// connection, a proxy's 502 page, a web page answered 200 — to every read of both APIs and of IAM. Each ends in one
// HuaweiCloudError that names what was wrong, holds no key, token or signature (even when a proxy's page echoes the
// request's headers), and leaves the client and the emulator working.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpClient } from '../../../../src/core/cloud/http';
import { lookupProjectId } from '../../../../src/core/cloud/project';
import type { MalformedKind } from '../../../../src/emulator/faults';
import { withEmulator } from '../../../support/emulator';
import { assertNoSecret, everythingIn, FAULT_KEY, FAULT_SUITE, QUICK_RETRY } from '../../../support/faultSuite';
import { rejection } from '../../../support/rejection';
import { type FakeCloud, startFakeCloud, TEST_KEY } from '../../../support/fakeCloud';

/** What the error must say for each spoiled answer, to a read that is answered 200. */
const EXPECTED: Record<Exclude<MalformedKind, 'stall'>, { kind: string; message: RegExp }> = {
  truncated: {
    kind: 'unexpected',
    message: /^HTTP 200: unexpected answer, its JSON stops unfinished after \d+ bytes \(cut short on the way\)/,
  },
  cut: {
    kind: 'connection',
    message: /^the connection closed after \d+ of the \d+ bytes the answer announced: it arrived incomplete/,
  },
  html: {
    kind: 'http',
    message: /^HTTP 502: bad gateway \(the server answered with a web page, not the API: "502 Bad Gateway"\)/,
  },
  html200: {
    kind: 'unexpected',
    message:
      /^HTTP 200: unexpected answer, a web page \(text\/html\) instead of the API's JSON \(Sign in to continue\)/,
  },
};
/** A get of what does not exist is answered 404: its status still says so when only its JSON is cut short. */
const TRUNCATED_404 = { kind: 'http', message: /^HTTP 404: not found \(its body was cut short\)/ };

// A hang is a failure too: the suite ends by this time limit rather than never.
describe('fault suite: truncated and HTML answers', { timeout: 30_000 }, () => {
  const cloud = withEmulator(FAULT_SUITE);

  const reads = () => {
    const { http, networks, groups } = cloud.client();
    return [
      ['IAM project lookup', () => lookupProjectId(http, cloud.url, 'cn-north-4')],
      ['networks: list', () => networks.listPage()],
      ['networks: get', () => networks.get(networks.derivedId('no-such-net'))],
      ['address groups: list', () => groups.listPage()],
      ['address groups: get', () => groups.get('6a9f0c3e-5d4b-4c1a-9e8f-7b6a5c4d3e2f')],
      ['address groups: dependencies', () => groups.dependencies([])],
    ] as const;
  };

  for (const [spoil, expected] of Object.entries(EXPECTED) as [
    keyof typeof EXPECTED,
    (typeof EXPECTED)[keyof typeof EXPECTED],
  ][]) {
    it(`${spoil}: every read fails with an error that says so, and nothing secret`, async () => {
      for (const [name, read] of reads()) {
        // Every attempt spoiled (what may be repeated is): the last error is the one a person sees.
        cloud.faults({ malformed: { count: QUICK_RETRY.maxAttempts, kind: spoil } });
        const error = await rejection(read(), `${name}: `);
        cloud.faults({});
        const wanted = spoil === 'truncated' && name.endsWith(': get') ? TRUNCATED_404 : expected;
        assert.equal(error.kind, wanted.kind, `${name}: ${error.message}`);
        assert.match(error.message, wanted.message, name);
        assert.doesNotMatch(error.message, /[<>]/, `${name}: markup in the message`);
        assertNoSecret(everythingIn(error), `${name}: `);
      }
      // Nothing is left broken: the next reads are answered.
      for (const [name, read] of reads()) {
        if (name.endsWith(': get')) continue;
        await read();
      }
    });
  }

  it('a cut answer counts as sent: a read is repeated, and the next whole answer is taken', async () => {
    const { networks } = cloud.client();
    const mark = cloud.arrivals.length;
    cloud.faults({ malformed: { count: 1, kind: 'cut' } });
    assert.deepEqual((await networks.listPage()).items, []);
    assert.equal(cloud.received('networks.list', mark).length, 2);
  });

  describe('a proxy page that echoes the request headers', () => {
    let echo: FakeCloud;
    const withToken = { ...TEST_KEY, securityToken: FAULT_KEY.securityToken };
    const http = () => new HttpClient({ signingKey: async () => withToken, retry: { ...QUICK_RETRY, maxAttempts: 1 } });
    before(async () => {
      echo = await startFakeCloud();
    });
    after(() => echo.close());

    const echoed = (headers: Record<string, unknown>) =>
      `Authorization: ${String(headers.authorization)} X-Security-Token: ${String(headers['x-security-token'])}`;

    for (const status of [200, 502]) {
      it(`answered ${status} as a web page: the error names the page, not the headers it quotes`, async () => {
        echo.handle((call) => ({
          status,
          raw: `<html><head><title>${echoed(call.headers)}</title></head><body>${echoed(call.headers)}</body></html>`,
        }));
        const error = await rejection(http().send({ method: 'GET', baseUrl: echo.url, path: '/v1/p/networks' }));
        assert.match(error.message, status === 200 ? /a web page \(text\/html\)/ : /web page, not the API/);
        assert.match(error.message, /\[redacted\]/);
        assertNoSecret(everythingIn(error).replaceAll(TEST_KEY.accessKeyId, ''), `${status}: `);
        assert.ok(
          !everythingIn(error).includes(TEST_KEY.accessKeyId),
          `the access key appears in: ${everythingIn(error)}`,
        );
      });
    }

    it('answered 400 with JSON whose message quotes the token: the message is kept, the token is not', async () => {
      echo.handle((call) => ({
        status: 400,
        body: {
          error_code: 'APIGW.0302',
          error_msg: `The token ${String(call.headers['x-security-token'])} is malformed`,
        },
      }));
      const error = await rejection(http().send({ method: 'GET', baseUrl: echo.url, path: '/v1/p/networks' }));
      assert.match(error.message, /The token \[redacted\] is malformed/);
      assertNoSecret(everythingIn(error));
    });
  });
});
