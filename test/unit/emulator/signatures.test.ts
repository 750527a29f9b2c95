// The signature verifier the emulator (and the unit tests' fake cloud) use: it accepts exactly what a correct
// signer sends, and nothing that differs from it, however slightly.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ReceivedRequest, signRequest, verifyRequest } from '../../../src/core/cloud/signer';
import { DEFAULT_CREDENTIALS } from '../../../src/emulator/server';
import { PROJECT, withEmulator } from '../../support/emulator';

const NOW = new Date('2026-11-23T10:00:00Z');
const KEY = { accessKeyId: 'AK', secretAccessKey: 'SK' };

/** A request as the server receives it, signed by signRequest, with its Authorization header then changed. */
function received(changeAuthorization: (authorization: string) => string): ReceivedRequest {
  const url = 'http://127.0.0.1:4790/v1/p/networks?limit=2';
  const headers = signRequest({ method: 'GET', url, headers: { 'X-Project-Id': 'p' } }, KEY, NOW);
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    method: 'GET',
    target: '/v1/p/networks?limit=2',
    body: new Uint8Array(),
    headers: { ...lower, host: '127.0.0.1:4790', authorization: changeAuthorization(lower.authorization ?? '') },
  };
}

const verify = (request: ReceivedRequest) =>
  verifyRequest(request, (ak) => (ak === KEY.accessKeyId ? KEY.secretAccessKey : undefined), NOW);

describe('verifier: the signature is exactly 64 lowercase hex digits', () => {
  it('accepts the signature as signed', () => {
    assert.deepEqual(verify(received((a) => a)), { ok: true, accessKeyId: 'AK' });
  });

  it('refuses it with one hex digit more, or one less (Buffer.from(hex) would drop an odd digit)', () => {
    for (const extra of ['0', 'f', 'a']) assert.equal(verify(received((a) => `${a}${extra}`)).ok, false, `+${extra}`);
    assert.equal(verify(received((a) => a.slice(0, -1))).ok, false);
  });

  it('refuses it in uppercase, or with anything but hex digits', () => {
    assert.equal(
      verify(received((a) => a.replace(/Signature=(\w+)/, (_, hex: string) => `Signature=${hex.toUpperCase()}`))).ok,
      false,
    );
    assert.equal(verify(received((a) => a.replace(/Signature=(\w{2})/, 'Signature=zz'))).ok, false);
  });
});

describe('verifier: SignedHeaders names each header once', () => {
  it('refuses a name given twice, next to each other or apart', () => {
    for (const list of [
      'host;host;x-project-id;x-sdk-date',
      'host;x-project-id;x-sdk-date;host',
      'host;x-project-id;x-project-id;x-sdk-date',
    ]) {
      const result = verify(received((a) => a.replace(/SignedHeaders=[^,]+/, `SignedHeaders=${list}`)));
      assert.equal(result.ok, false, list);
      assert.match(result.ok ? '' : result.reason, /twice/, list);
    }
  });
});

describe('emulator: such signatures are 401 APIGW.0301', () => {
  const emulator = withEmulator();

  it('refuses an extra hex digit and a repeated signed header', async () => {
    const url = `${emulator.url}/v1/${PROJECT}/networks`;
    const signed = () =>
      signRequest({ method: 'GET', url, headers: {} }, DEFAULT_CREDENTIALS, new Date(emulator.clock));
    assert.equal((await fetch(url, { headers: signed() })).status, 200);
    for (const change of [(a: string) => `${a}0`, (a: string) => a.replace('SignedHeaders=', 'SignedHeaders=host;')]) {
      const headers = signed();
      headers.Authorization = change(headers.Authorization ?? '');
      const response = await fetch(url, { headers });
      assert.equal(response.status, 401, headers.Authorization);
      assert.equal(((await response.json()) as { error_code: string }).error_code, 'APIGW.0301');
    }
  });
});
