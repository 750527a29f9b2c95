// What a request body must be before anything reads it: of the content type the API takes, and of the shape its
// pages give. Refused otherwise, with the service's error body, never taken as something else.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, withEmulator } from '../../support/emulator';

const NETWORKS = `/v1/${PROJECT}/networks`;
const GROUPS = `/v3/${PROJECT}/vpc/address-groups`;
const NETWORK = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': 'typed-net' } },
  spec: { cidr: '192.168.0.0/16' },
});
const GROUP = JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.1'] } });
const XML = '<?xml version="1.0"?><address_group><name>g</name><ip_version>4</ip_version></address_group>';

describe('emulator: request bodies', () => {
  const emulator = withEmulator({ delays: { addressGroupUpdateMs: 0 } });

  describe('content types', () => {
    it("refuses a create sent as text/plain, XML, a form or without a type with 415 and the service's error body", async () => {
      for (const contentType of [
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/merge-patch+json',
        'application/jsonx',
        '',
      ]) {
        const network = await emulator.raw('POST', NETWORKS, {
          body: NETWORK,
          headers: { 'Content-Type': contentType },
        });
        assert.equal(network.status, 415, contentType);
        assert.equal(network.json?.error_code, 'ModelArts.50004000', contentType);
        assert.match(String(network.json?.error_msg), /Content-Type must be application\/json/);
        const group = await emulator.raw('POST', GROUPS, {
          body: contentType.includes('xml') ? XML : GROUP,
          headers: { 'Content-Type': contentType },
        });
        assert.equal(group.status, 415, contentType);
        assert.equal(group.json?.code, 'VPC.9901', contentType);
        assert.equal(group.json?.request_id, group.headers.get('x-request-id'));
      }
      assert.equal(emulator.store.countNetworks(PROJECT), 0);
      assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
    });

    it('refuses an update of the wrong type with 415, and changes nothing', async () => {
      const id = await emulator.createGroup();
      const group = await emulator.raw('PUT', `${GROUPS}/${id}`, {
        body: '{"address_group":{"name":"h"}}',
        headers: { 'Content-Type': 'text/plain' },
      });
      assert.equal(group.status, 415);
      assert.equal(group.json?.code, 'VPC.9901');
      const network = await emulator.createNetwork('typed-net');
      const patch = await emulator.raw('PATCH', `${NETWORKS}/${network}`, {
        body: '{"spec":{"ipv6enable":true}}',
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(patch.status, 415);
      assert.match(String(patch.json?.error_msg), /Content-Type must be application\/merge-patch\+json/);
      assert.equal(((await emulator.raw('GET', `${GROUPS}/${id}`)).json?.address_group as { name: string }).name, 'g');
    });

    it('takes JSON with parameters and in any case, as HTTP media types are', async () => {
      assert.equal(
        (
          await emulator.raw('POST', NETWORKS, {
            body: NETWORK,
            headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' },
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await emulator.raw('POST', GROUPS, {
            body: GROUP,
            headers: { 'Content-Type': 'application/json;charset=utf-8' },
          })
        ).status,
        201,
      );
    });
  });

  describe('shapes', () => {
    it('refuses an address-group update whose address_group is not an object, or with unknown keys, with 400 VPC.9901', async () => {
      const id = await emulator.createGroup();
      for (const body of [
        '{"address_group":[]}',
        '{"address_group":["name"]}',
        '{"address_group":null}',
        '{"address_group":"x"}',
        '[]',
        'null',
        '"x"',
        '{}',
        '{"address_group":{"name":"h"},"extra":1}',
        '{"dry_run":"yes","address_group":{"name":"h"}}',
      ]) {
        const answer = await emulator.raw('PUT', `${GROUPS}/${id}`, { body });
        assert.equal(answer.status, 400, body);
        assert.equal(answer.json?.code, 'VPC.9901', body);
      }
      const group = (await emulator.raw('GET', `${GROUPS}/${id}`)).json?.address_group as {
        status: string;
        name: string;
      };
      assert.deepEqual([group.status, group.name], ['NORMAL', 'g']);
    });

    it('refuses an address group created from a body of the wrong shape with 400 VPC.9901', async () => {
      for (const body of [
        '[]',
        'null',
        '"x"',
        '{}',
        '{"address_group":[]}',
        '{"address_group":{"name":"g","ip_version":"4"}}',
        '{"address_group":{"name":"g","ip_version":4},"extra":1}',
      ]) {
        const answer = await emulator.raw('POST', GROUPS, { body });
        assert.equal(answer.status, 400, body);
        assert.equal(answer.json?.code, 'VPC.9901', body);
      }
      assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
    });

    it('refuses a network created or patched from a body of the wrong shape with 400 ModelArts.50004000', async () => {
      for (const body of [
        '[]',
        'null',
        '"x"',
        '{}',
        '{"apiVersion":"v1","kind":"Network","metadata":[],"spec":{"cidr":"192.168.0.0/16"}}',
      ]) {
        const answer = await emulator.raw('POST', NETWORKS, { body });
        assert.equal(answer.status, 400, body);
        assert.equal(answer.json?.error_code, 'ModelArts.50004000', body);
      }
      const id = await emulator.createNetwork('typed-net');
      for (const body of ['[]', 'null', '"x"', '5', '[{"spec":{}}]']) {
        const answer = await emulator.patchNetwork(id, body);
        assert.equal(answer.status, 400, body);
        assert.equal(answer.json?.error_code, 'ModelArts.50004000', body);
      }
    });

    it('refuses JSON nested deeper than any document with 400, before any recursive reader sees it', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const network = await emulator.raw('POST', NETWORKS, { body: deep });
      assert.deepEqual([network.status, network.json?.error_code], [400, 'ModelArts.50004000']);
      assert.match(String(network.json?.error_msg), /nested deeper than/);
      const group = await emulator.raw('POST', GROUPS, {
        body: `{"address_group":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
      });
      assert.deepEqual([group.status, group.json?.code], [400, 'VPC.9901']);
    });
  });
});
