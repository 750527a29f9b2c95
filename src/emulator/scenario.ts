// The scenario `npm start` shows: every state the explorer and the documents can be in, at once, on the emulator.
// Run at every start, on a new state or one restored from the state file: what is missing is made again, and the
// slow states are re-armed (a network created at the first start would long be Active at the next one).
import type { AddressGroupDocument, AddressGroupOptions, IpExtraSetEntry } from '../core/api/addressGroups';
import { checkDocument } from '../core/documents/checks';
import { type Kind, kindFromFileName } from '../core/kinds';
import { DEFAULT_PAGE_SIZE } from '../core/limits';
import { NAME_LABEL, type NetworkDocument } from '../core/api/networks';
import type { NetworkRecord, Store } from './store';

/** The display names of what the scenario adds beside the documents' resources. */
export const SHOWCASE = {
  /** A network still `Creating`, for `SLOW_STATE_MS` from each start. */
  creating: 'showcase-creating',
  /** A network that ended `Abnormal`. */
  abnormal: 'showcase-abnormal',
  /** An `Active` network whose peer connection is `Connecting`, for `SLOW_STATE_MS` from each start. */
  peering: 'showcase-peering',
  /** An address group a security-group rule uses: deleting it is refused, Force Delete offered. */
  inUse: 'showcase-in-use',
} as const;

/** How long the slow states last from each start: long enough to look at them, short enough to see them end. */
export const SLOW_STATE_MS = 10 * 60_000;

/** Address groups at least: more than the explorer's first page at the default page size, so it ends in Load more…. */
export const SHOWCASE_GROUP_COUNT = DEFAULT_PAGE_SIZE + 20;

/** The security group whose rule uses the in-use group (the emulator has no security groups: a fixture). */
export const SHOWCASE_SECURITY_GROUP = {
  type: 'sg',
  instance_id: '0b5b6b7e-7d1c-4b4a-9d0e-5f0c3f6b2a11',
  instance_name: 'showcase-web-servers',
} as const;

const SHOWCASE_PEER = {
  peerVpcId: '3c0e9f86-1d5a-4a3b-8f43-2a9d6c1e7b10',
  peerSubnetId: '7f1b2c3d-4e5f-4a6b-9c8d-0e1f2a3b4c5d',
  defaultGateWay: false,
};

/** A document the scenario makes live: its path (what the links name) and its text. */
export interface ScenarioDocument {
  readonly path: string;
  readonly text: string;
}

/** Which live resource a document is. */
export interface ScenarioLink {
  readonly path: string;
  readonly kind: Kind;
  readonly id: string;
  readonly name: string;
}

export interface ScenarioOutcome {
  /** One per document, in path order. */
  readonly links: ScenarioLink[];
  /** The document whose live resource lacks its last entry: an edit not applied yet (Compare with Live shows it). */
  readonly pendingEdit: string | undefined;
  /** Display names of the resources made by this run (none when a restored state had them all). */
  readonly created: string[];
  /** Display names of the networks whose slow state was re-armed. */
  readonly rearmed: string[];
}

const network = (name: string, cidr: string, connection?: NetworkDocument['spec']['connection']) => ({
  apiVersion: 'v1' as const,
  kind: 'Network' as const,
  metadata: { labels: { [NAME_LABEL]: name, 'os.modelarts/workspace.id': '0' } },
  spec: { cidr, ...(connection ? { connection } : {}) },
});

/** A document's body, checked as the emulator checks a create; the error says which document and what is wrong. */
function parsedDocument(
  document: ScenarioDocument,
): { kind: 'network'; body: NetworkDocument } | { kind: 'addressGroup'; body: AddressGroupDocument } {
  const kind = kindFromFileName(document.path);
  if (!kind) {
    throw new Error(`${document.path}: a scenario document is a *.network.json or an *.address-group.json file`);
  }
  const check = checkDocument(document.text, { kind });
  const errors = check.findings.filter((finding) => finding.severity === 'error');
  if (!check.parsed || errors.length > 0) {
    throw new Error(
      `${document.path} cannot be made live: ${check.parsed ? errors.map((finding) => finding.message).join(' ') : 'it is not valid JSON'}`,
    );
  }
  // Checked above: it parses, and has the shape of its kind.
  const { $schema: _schema, ...body } = JSON.parse(document.text) as NetworkDocument & AddressGroupDocument;
  return kind === 'network' ? { kind, body } : { kind, body };
}

/** The group a document makes, without its last entry when `withholdLast` (then the document has an edit pending). */
function groupOptions(group: AddressGroupOptions, withholdLast: boolean, path: string): AddressGroupOptions {
  const { name, description, ip_version, max_capacity, enterprise_project_id, ip_set, ip_extra_set } = group;
  const entries: (string | IpExtraSetEntry)[] = ip_extra_set ?? ip_set ?? [];
  if (withholdLast && entries.length < 2) {
    throw new Error(
      `${path} needs two entries or more: its last one is left out of the live group, as an edit not applied yet`,
    );
  }
  const live = withholdLast ? entries.slice(0, -1) : entries;
  return {
    name,
    ip_version,
    ...(description !== undefined ? { description } : {}),
    ...(max_capacity !== undefined ? { max_capacity } : {}),
    ...(enterprise_project_id !== undefined ? { enterprise_project_id } : {}),
    ...(ip_extra_set ? { ip_extra_set: live as IpExtraSetEntry[] } : { ip_set: live as string[] }),
  };
}

/**
 * Seeds the scenario in the project, or completes and re-arms it: the documents' resources (the first address-group
 * document's group without its last entry: an edit pending), a network `Creating`, one `Abnormal`, one whose peer
 * connection is `Connecting`, an address group in use by a security-group rule, and more groups than the explorer's
 * first page. Slow states count from now. Throws, naming the document, when a document is not valid.
 */
export function seedScenario(store: Store, projectId: string, documents: readonly ScenarioDocument[]): ScenarioOutcome {
  const parsed = [...documents]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((document) => ({ path: document.path, ...parsedDocument(document) }));
  const created: string[] = [];
  const rearmed: string[] = [];
  const networkNamed = (name: string, make: () => NetworkDocument, abnormal = false): NetworkRecord => {
    const existing = store.getNetwork(projectId, `${name}-${projectId}`);
    if (existing) return existing;
    created.push(name);
    return store.createNetwork(projectId, make(), abnormal, { settled: true });
  };
  const groupNamed = (name: string, make: () => AddressGroupOptions) => {
    const existing = store.listAddressGroups(projectId).find((record) => record.group.name === name);
    if (existing) return existing;
    created.push(name);
    return store.createAddressGroup(projectId, make());
  };

  const pendingEdit = parsed.find((document) => document.kind === 'addressGroup')?.path;
  const links = parsed.map((document): ScenarioLink => {
    if (document.kind === 'network') {
      const name = document.body.metadata.labels[NAME_LABEL];
      return {
        path: document.path,
        kind: 'network',
        id: networkNamed(name, () => document.body).network.metadata.name,
        name,
      };
    }
    const { name } = document.body.address_group;
    const record = groupNamed(name, () =>
      groupOptions(document.body.address_group, document.path === pendingEdit, document.path),
    );
    return { path: document.path, kind: 'addressGroup', id: record.group.id, name };
  });

  store.restartCreation(
    projectId,
    networkNamed(SHOWCASE.creating, () => network(SHOWCASE.creating, '172.20.0.0/16')),
    SLOW_STATE_MS,
  );
  rearmed.push(SHOWCASE.creating);
  networkNamed(SHOWCASE.abnormal, () => network(SHOWCASE.abnormal, '172.21.0.0/16'), true);
  const peering = networkNamed(SHOWCASE.peering, () =>
    network(SHOWCASE.peering, '172.22.0.0/16', { peerConnectionList: [SHOWCASE_PEER] }),
  );
  // Its peer connection removed (by an Apply) is put back: the state is the point of this network.
  if ((peering.network.spec.connection?.peerConnectionList ?? []).length === 0) {
    store.replaceNetwork(peering, {
      ...peering.network,
      spec: {
        ...peering.network.spec,
        connection: { ...peering.network.spec.connection, peerConnectionList: [SHOWCASE_PEER] },
      },
    });
  }
  store.restartPeerConnections(peering, SLOW_STATE_MS);
  rearmed.push(SHOWCASE.peering);

  const inUse = groupNamed(SHOWCASE.inUse, () => ({
    name: SHOWCASE.inUse,
    description: `used by a rule of security group ${SHOWCASE_SECURITY_GROUP.instance_name}`,
    ip_version: 4,
    ip_set: ['10.8.0.0/24', '10.8.1.10'],
  }));
  if (store.dependenciesOf(inUse.group.id).length === 0) {
    store.setDependencies(inUse.group.id, [{ ...SHOWCASE_SECURITY_GROUP }]);
  }

  const missingGroups = SHOWCASE_GROUP_COUNT - store.countAddressGroups(projectId);
  if (missingGroups > 0) {
    store.seed(projectId, { networks: 0, addressGroups: missingGroups });
    created.push(`${missingGroups} address groups`);
  }
  return { links, pendingEdit, created, rearmed };
}
