// Keys that name Object.prototype's properties (__proto__, constructor, toString…) are ordinary, unknown keys to
// the service: the emulator must refuse or ignore them as it does any other, never crash on them or find them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signRequest } from '../../../src/core/cloud/signer';
import { DEFAULT_CREDENTIALS, mergePatch } from '../../../src/emulator/server';
import { PROJECT, withEmulator } from '../../support/emulator';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('emulator: keys named after Object.prototype', () => {
  const emulator = withEmulator();

  it('refuses a network patch with such a key at any level with 400 ModelArts.50004000, never 500', async () => {
    const id = await emulator.createNetwork('proto-net');
    for (const name of PROTOTYPE_NAMES) {
      for (const body of [
        `{"${name}":{}}`,
        `{"metadata":{"${name}":{}}}`,
        `{"metadata":{"labels":{"${name}":"x"}}}`,
        `{"metadata":{"annotations":{"${name}":"x"}}}`,
        `{"spec":{"connection":{"${name}":[]}}}`,
      ]) {
        const answer = await emulator.patchNetwork(id, body);
        assert.equal(answer.status, 400, body);
        assert.equal(answer.json?.error_code, 'ModelArts.50004000', body);
        assert.match(String(answer.json?.error_msg), /cannot be changed/, body);
      }
    }
  });

  it('refuses a peer connection or SFS Turbo entry with such a key instead of echoing it', async () => {
    const id = await emulator.createNetwork('proto-net');
    for (const name of PROTOTYPE_NAMES) {
      const peer = await emulator.patchNetwork(
        id,
        `{"spec":{"connection":{"peerConnectionList":[{"peerVpcId":"v","peerSubnetId":"s","${name}":"x"}]}}}`,
      );
      assert.equal(peer.status, 400, name);
      assert.equal(peer.json?.error_code, 'ModelArts.50004000');
      assert.match(String(peer.json?.error_msg), /peerConnectionList must be a list of/);
      const sfs = await emulator.patchNetwork(
        id,
        `{"spec":{"connection":{"sfsTurboConnectionList":[{"sfsId":"f","name":"n","${name}":"x"}]}}}`,
      );
      assert.equal(sfs.status, 400, name);
      assert.match(String(sfs.json?.error_msg), /sfsTurboConnectionList must be a list of/);
    }
    const network = await emulator.raw('GET', `/v1/${PROJECT}/networks/${id}`);
    assert.deepEqual((network.json?.spec as { connection: unknown }).connection, {});
  });

  it('matches no network with a labelSelector naming such a key', async () => {
    await emulator.createNetwork('proto-net');
    for (const name of PROTOTYPE_NAMES) {
      const answer = await emulator.raw('GET', `/v1/${PROJECT}/networks?labelSelector=${encodeURIComponent(name)}`);
      assert.equal(answer.status, 200, name);
      assert.deepEqual(answer.json?.items, [], name);
      const negated = await emulator.raw(
        'GET',
        `/v1/${PROJECT}/networks?labelSelector=${encodeURIComponent(`${name}!=x`)}`,
      );
      assert.equal((negated.json?.items as unknown[]).length, 1, `${name}!=x`);
    }
  });

  it('refuses an address group with such a key on create and update', async () => {
    const created = await emulator.raw('POST', `/v3/${PROJECT}/vpc/address-groups`, {
      body: '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1"]}}',
    });
    assert.equal(created.status, 201);
    const id = (created.json?.address_group as { id: string }).id;
    for (const name of PROTOTYPE_NAMES) {
      const create = await emulator.raw('POST', `/v3/${PROJECT}/vpc/address-groups`, {
        body: `{"address_group":{"name":"h","ip_version":4,"${name}":{}}}`,
      });
      assert.equal(create.status, 400, name);
      const update = await emulator.raw('PUT', `/v3/${PROJECT}/vpc/address-groups/${id}`, {
        body: `{"address_group":{"${name}":{}}}`,
      });
      assert.equal(update.status, 400, name);
      const extra = await emulator.raw('PUT', `/v3/${PROJECT}/vpc/address-groups/${id}`, {
        body: `{"address_group":{"ip_extra_set":[{"ip":"10.0.0.2","${name}":"x"}]}}`,
      });
      assert.equal(extra.status, 400, name);
    }
    assert.equal(emulator.store.countAddressGroups(PROJECT), 1);
  });

  it('refuses a signature whose SignedHeaders name such a header with 401 APIGW.0301, never 500', async () => {
    const url = `${emulator.url}/v1/${PROJECT}/networks`;
    for (const name of PROTOTYPE_NAMES.map((n) => n.toLowerCase())) {
      const headers = signRequest({ method: 'GET', url, headers: {} }, DEFAULT_CREDENTIALS, new Date(emulator.clock));
      headers.Authorization = headers.Authorization?.replace('SignedHeaders=', `SignedHeaders=${name};`) ?? '';
      const response = await fetch(url, { headers });
      assert.equal(response.status, 401, name);
      assert.equal(((await response.json()) as { error_code: string }).error_code, 'APIGW.0301');
    }
  });
});

describe('mergePatch with a __proto__ key', () => {
  it("keeps it an own property and never changes the result's prototype", () => {
    const patched = mergePatch(
      { a: 1 },
      JSON.parse('{"__proto__":{"polluted":true},"b":{"__proto__":{"deep":true}}}'),
    ) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(patched), Object.prototype);
    assert.equal((patched as { polluted?: unknown }).polluted, undefined);
    assert.ok(Object.hasOwn(patched, '__proto__'));
    assert.equal(Object.getPrototypeOf(patched.b), Object.prototype);
    assert.deepEqual(Object.keys(patched), ['a', '__proto__', 'b']);
  });
});
