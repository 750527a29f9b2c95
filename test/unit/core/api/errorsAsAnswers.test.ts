// An error is no answer: what a request's last attempt met proves nothing when an earlier attempt may have been
// carried out, and the API gateway's 404 for a path that is no API (a wrong endpoint) says nothing of any resource.
// Each against a server on 127.0.0.1 that answers as the case needs.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { findLive, updateAddressGroup } from '../../../../src/core/live/apply';
import { NetworksApi } from '../../../../src/core/api/networks';
import {
  type FakeCloud,
  type ReceivedCall,
  type Reply,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';
import { rejection } from '../../../support/rejection';

const PROJECT = '0c1d2e3f405162738495a6b7c8d9eaf0';
const GROUP_ID = 'dd18a501-0000-4000-8000-00000000b001';
const GROUP = { id: GROUP_ID, name: 'web', ip_version: 4, ip_set: ['10.0.0.1'], status: 'NORMAL' };
const NO_SUCH_API: Reply = {
  status: 404,
  body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' },
};
const GROUP_NOT_FOUND: Reply = { status: 404, body: { error_code: 'VPC.9904', error_msg: 'address group not found' } };

describe('an error is no answer', () => {
  let cloud: FakeCloud;
  /** 4 attempts, as the extension's client makes them. */
  const groups = () => new AddressGroupsApi(testHttpClient(4), cloud.url, PROJECT);
  const networks = () => new NetworksApi(testHttpClient(4), cloud.url, PROJECT);
  /** Answers the n-th call (from 1) to the scripted handler. */
  const script = (answer: (call: ReceivedCall, n: number) => Reply) => {
    let n = 0;
    cloud.handle((call) => answer(call, ++n));
  };

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
  });

  describe('after an attempt that may have been carried out', () => {
    it('the client says so on the error of a later attempt: a PUT answered 500, then 409 — not a 409 alone, nor one after a throttled attempt', async () => {
      const conflict: Reply = {
        status: 409,
        body: { error_code: 'VPC.9902', error_msg: 'the address group is being updated' },
      };
      script((_call, n) => (n === 1 ? { status: 500, body: {} } : conflict));
      const afterLost = await rejection(groups().update(GROUP_ID, { description: 'x' }));
      assert.deepEqual([afterLost.status, afterLost.earlierAttemptMayHaveActed], [409, true]);

      script(() => conflict);
      assert.equal(
        (await rejection(groups().update(GROUP_ID, { description: 'x' }))).earlierAttemptMayHaveActed,
        false,
      );

      script((_call, n) =>
        n === 1
          ? { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'throttled' }, headers: { 'Retry-After': '0' } }
          : conflict,
      );
      assert.equal(
        (await rejection(groups().update(GROUP_ID, { description: 'x' }))).earlierAttemptMayHaveActed,
        false,
      );
    });

    it('a DELETE whose answer was lost, repeated, finds the group gone: deleted by it, not "already gone"', async () => {
      script((_call, n) => (n === 1 ? { drop: true } : GROUP_NOT_FOUND));
      assert.deepEqual(await groups().delete(GROUP_ID), { alreadyGone: false });
      assert.equal(cloud.calls.length, 2);
    });

    it('a group update whose repeat was refused before it was sent (the server went away) is "unknown", not a plain failure', async () => {
      // A server of its own, closed while the first PUT is under way: the repeat meets a refused connection.
      const vanishing = await startFakeCloud((call) => {
        if (call.method === 'GET') return { status: 200, body: { address_group: GROUP } };
        if ((call.json as { dry_run?: boolean }).dry_run) return { status: 202, body: {} };
        void vanishing.close();
        return { hang: true };
      });
      const api = new AddressGroupsApi(testHttpClient(4), vanishing.url, PROJECT);
      const preview = await api.get(GROUP_ID);
      const error = await rejection(
        updateAddressGroup(
          api,
          preview,
          { address_group: { name: 'web', ip_version: 4, ip_set: ['10.0.0.7'] } },
          {
            updatingWait: { windowMs: 1_000, firstDelayMs: 1, maxDelayMs: 1 },
          },
        ),
      );
      assert.equal(error.changeOutcome, 'unknown', error.message);
      assert.equal(error.notSent, true, 'the last attempt was refused unsent');
    });
  });

  describe('the gateway\'s 404 (a wrong endpoint) is no "gone"', () => {
    it('a DELETE answered APIGW.0101 is the error it is, not "already gone", for a group and for a network', async () => {
      script(() => NO_SUCH_API);
      assert.equal((await rejection(groups().delete(GROUP_ID))).code, 'APIGW.0101');
      assert.equal((await rejection(groups().forceDelete(GROUP_ID))).code, 'APIGW.0101');
      assert.equal((await rejection(networks().delete(`net-a-${PROJECT}`))).code, 'APIGW.0101');
    });

    it("a linked document's link stays: reading its resource answered APIGW.0101 is an error, not a stale link", async () => {
      script(() => NO_SUCH_API);
      const apis = { networks: networks(), addressGroups: groups() };
      const error = await rejection(
        findLive(apis, { kind: 'addressGroup', name: 'web' }, { kind: 'addressGroup', id: GROUP_ID, name: 'web' }),
      );
      assert.equal(error.code, 'APIGW.0101');
      // The service's own 404 is what makes a link stale.
      script(() => GROUP_NOT_FOUND);
      assert.deepEqual(
        await findLive(
          apis,
          { kind: 'addressGroup', name: 'web' },
          { kind: 'addressGroup', id: GROUP_ID, name: 'web' },
        ),
        { live: undefined, staleLink: true },
      );
    });

    it('a network looked up by name stops at APIGW.0101: the derived ID\'s 404 is not "no such network", so the list is not asked', async () => {
      script(() => NO_SUCH_API);
      assert.equal((await rejection(networks().findByDisplayName('net-a'))).code, 'APIGW.0101');
      assert.deepEqual(
        cloud.calls.map((call) => call.path),
        [`/v1/${PROJECT}/networks/net-a-${PROJECT}`],
      );
    });
  });
});
