// Fault suite: a hundred creates, networks and address groups, each with a fault drawn at random (seeded, printed)
// on its POST. Whatever the fault, the emulator ends with exactly the resources the outcomes say, each POST was
// sent once, and each outcome is the one its fault allows: an answer lost after the service acted is recovered;
// a request dropped or refused before it was processed is "unknown" — never "not created", never a second resource.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AddressGroupDocument } from '../../../../src/core/api/addressGroups';
import type { NetworkDocument } from '../../../../src/core/api/networks';
import type { Faults, RouteName } from '../../../../src/emulator/faults';
import { PROJECT, withEmulator } from '../../../support/emulator';
import { FAULT_SUITE, seededRandom } from '../../../support/faultSuite';
import { rejection } from '../../../support/rejection';

/** What happens to a create's POST, and what the service did before it happened. */
const FAULTS = {
  none: { processed: true, faults: () => ({}) },
  dropBefore: {
    processed: false,
    faults: (route: RouteName): Faults => ({ reset: { count: 1, when: 'before', route } }),
  },
  dropAfter: { processed: true, faults: (route: RouteName): Faults => ({ reset: { count: 1, when: 'after', route } }) },
  error500Before: { processed: false, faults: (route: RouteName): Faults => ({ errorRate: { [route]: 1 } }) },
  truncatedAfter: {
    processed: true,
    faults: (route: RouteName): Faults => ({ malformed: { count: 1, kind: 'truncated', route } }),
  },
  cutAfter: {
    processed: true,
    faults: (route: RouteName): Faults => ({ malformed: { count: 1, kind: 'cut', route } }),
  },
  gatewayPageAfter: {
    processed: true,
    faults: (route: RouteName): Faults => ({ malformed: { count: 1, kind: 'html', route } }),
  },
} as const;
type FaultName = keyof typeof FAULTS;
/** Drops, the faults the brief names, weigh most. */
const WEIGHTS: readonly [FaultName, number][] = [
  ['none', 2],
  ['dropBefore', 4],
  ['dropAfter', 4],
  ['error500Before', 1],
  ['truncatedAfter', 1],
  ['cutAfter', 1],
  ['gatewayPageAfter', 1],
];
const CREATES = 100;

// A hang is a failure too: the suite ends by this time limit rather than never.
describe('fault suite: creates under random faults', { timeout: 60_000 }, () => {
  const { seed, next } = seededRandom();
  before(() => {
    // Printed first, so that a failure (or a hang) can be replayed: HWC_FAULT_SEED=<seed> npm test -- --only unit
    console.log(`fault suite: creates seeded with ${seed} (HWC_FAULT_SEED=${seed} replays this run)`);
  });
  // Short lifecycles and room for a hundred groups.
  const cloud = withEmulator({
    ...FAULT_SUITE,
    addressGroupQuota: 1_000,
    delays: { networkPendingMs: 0, networkCreateMs: 0 },
  });

  const pick = (): FaultName => {
    const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [name, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return name;
    }
    return 'none';
  };

  it(`${CREATES} creates: no duplicate, each POST sent once, dropped after → recovered, dropped before → unknown`, async () => {
    const { networks, groups } = cloud.client();
    const store = cloud.store;
    const tally = new Map<string, number>();
    // Group names repeat (the API allows it): a recovery must tell this create's group from the earlier ones.
    const groupNames = ['fault-group-a', 'fault-group-b', 'fault-group-c'];
    const groupsNamed = (name: string) =>
      store
        .listAddressGroups(PROJECT)
        .filter((record) => record.group.name === name)
        .map((record) => record.group.id);

    for (let i = 0; i < CREATES; i++) {
      const faultName = pick();
      const fault = FAULTS[faultName];
      const isNetwork = next() < 0.5;
      const route: RouteName = isNetwork ? 'networks.create' : 'addressGroups.create';
      const context = `create ${i} (${isNetwork ? 'network' : 'address group'}, ${faultName}; HWC_FAULT_SEED=${seed}): `;
      tally.set(faultName, (tally.get(faultName) ?? 0) + 1);
      const postsBefore = cloud.received(route).length;

      let idsBefore: string[];
      let outcome: Promise<{ resourceId: string; recovered: boolean }>;
      let idsNow: () => string[];
      if (isNetwork) {
        const name = `fault-net-${i}`;
        const document: NetworkDocument = {
          apiVersion: 'v1',
          kind: 'Network',
          metadata: { labels: { 'os.modelarts/name': name } },
          spec: { cidr: `192.168.${i}.0/24` },
        };
        idsNow = () => (store.getNetwork(PROJECT, networks.derivedId(name)) ? [networks.derivedId(name)] : []);
        idsBefore = idsNow();
        cloud.faults(fault.faults(route));
        outcome = networks.create(document).then((result) => ({
          resourceId: result.resource.metadata.name,
          recovered: result.recoveredAfterLostAnswer,
        }));
      } else {
        const name = groupNames[i % groupNames.length] ?? 'fault-group';
        // The same entries each time: only the IDs that existed before tell the groups apart.
        const document: AddressGroupDocument & { dry_run?: false } = {
          address_group: { name, ip_version: 4, ip_set: ['10.20.0.0/24', '10.20.1.1'] },
        };
        idsNow = () => groupsNamed(name);
        idsBefore = idsNow();
        cloud.faults(fault.faults(route));
        outcome = groups
          .create(document)
          .then((result) => ({ resourceId: result.resource.id, recovered: result.recoveredAfterLostAnswer }));
      }

      const settled = await outcome.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      cloud.faults({});
      const created = idsNow().filter((id) => !idsBefore.includes(id));
      assert.equal(
        cloud.received(route).length - postsBefore,
        1,
        `${context}the POST was sent ${cloud.received(route).length - postsBefore} times`,
      );

      if (fault.processed) {
        assert.equal(created.length, 1, `${context}${created.length} new resources at the emulator`);
        assert.ok(
          'value' in settled,
          `${context}failed although the service created it: ${'error' in settled ? String(settled.error) : ''}`,
        );
        assert.equal(
          settled.value.resourceId,
          created[0],
          `${context}the result names another resource than the one created`,
        );
        assert.equal(
          settled.value.recovered,
          faultName !== 'none',
          `${context}recoveredAfterLostAnswer is ${settled.value.recovered}`,
        );
      } else {
        assert.equal(created.length, 0, `${context}a resource was created by a request the service never processed`);
        const error = await rejection(
          'error' in settled ? Promise.reject(settled.error) : Promise.resolve(settled.value),
          context,
        );
        assert.equal(
          error.changeOutcome,
          'unknown',
          `${context}outcome ${String(error.changeOutcome)}: ${error.message}`,
        );
        assert.match(error.message, /was lost .* look for it before trying again/, context);
      }
    }

    // Every kind of fault was drawn (a hundred draws make missing one a one-in-millions chance).
    assert.deepEqual(
      [...tally.keys()].sort(),
      Object.keys(FAULTS).sort(),
      `faults drawn: ${JSON.stringify(Object.fromEntries(tally))} (HWC_FAULT_SEED=${seed})`,
    );
    console.log(`fault suite: creates — faults drawn ${JSON.stringify(Object.fromEntries(tally))}`);
  });
});
