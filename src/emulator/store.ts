// The emulator's state: projects, networks, address groups, what uses each group. Lifecycles are computed from
// timestamps when a resource is read (a network is `Creating` until its creation delay has passed), so that no
// timer runs, a restart from the state file resumes exactly, and tests can move a clock instead of waiting.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressGroup, AddressGroupDependency } from '../core/api/addressGroups';
import type { Network, NetworkPhase } from '../core/api/networks';
import { OrderedIndex } from './orderedIndex';
import { ownValue, setOwn } from './own';

export interface LifecycleDelays {
  /** A new network answers `""` this long, then `Creating`… */
  readonly networkPendingMs: number;
  /** …until this long after its creation, then `Active` (or `Abnormal`). */
  readonly networkCreateMs: number;
  /** A peer connection is `Connecting`, an SFS Turbo link `Creating`, this long after it was added. */
  readonly peerConnectMs: number;
  /** A deleted network still answers GET (with deletionTimestamp) this long. */
  readonly networkDeleteMs: number;
  /** An address group is `UPDATING` this long after a PUT. */
  readonly addressGroupUpdateMs: number;
}

export const DEFAULT_DELAYS: LifecycleDelays = {
  networkPendingMs: 500,
  networkCreateMs: 5_000,
  peerConnectMs: 3_000,
  networkDeleteMs: 3_000,
  addressGroupUpdateMs: 1_000,
};

export interface NetworkRecord {
  /** The stored network, without status. */
  network: Network;
  createdAtMs: number;
  /** When each peer connection (by `peerVpcId/peerSubnetId`) was added. */
  peersAddedAtMs: Record<string, number>;
  /** When each SFS Turbo link (by `sfsId`) was added. */
  sfsAddedAtMs: Record<string, number>;
  abnormal: boolean;
  deletedAtMs?: number;
  /** Delays of this network alone, over the store's (a showcase network that stays `Creating` for minutes). */
  delays?: Partial<Pick<LifecycleDelays, 'networkCreateMs' | 'peerConnectMs'>>;
}

export interface AddressGroupRecord {
  group: AddressGroup;
  /** Its place in creation order, the order lists page through (state files before it: their order). */
  seq: number;
  updatingUntilMs?: number;
}

/** A ModelArts workspace as the list API answers it (`GET /v1/{project_id}/workspaces`). */
export interface WorkspaceRecord {
  id: string;
  name: string;
  description: string;
  owner: string;
  enterprise_project_id: string;
  enterprise_project_name: string;
  auth_type: string;
  /** Milliseconds since the epoch. */
  create_time: number;
  update_time: number;
  status: string;
  status_info: string;
}

/** The workspace every project has (ModelArts' "0", named "default"); not stored, so no state file lacks it. */
export const DEFAULT_WORKSPACE_RECORD: Readonly<WorkspaceRecord> = {
  id: '0',
  name: 'default',
  description: '',
  owner: 'emulator',
  enterprise_project_id: '0',
  enterprise_project_name: 'default',
  auth_type: 'PUBLIC',
  create_time: Date.parse('2026-01-01T00:00:00Z'),
  update_time: Date.parse('2026-01-01T00:00:00Z'),
  status: 'NORMAL',
  status_info: '',
};

export interface ProjectRecord {
  id: string;
  /** The region name IAM answers for. */
  name: string;
}

interface Snapshot {
  version: 1;
  projects: ProjectRecord[];
  networks: Record<string, NetworkRecord[]>;
  addressGroups: Record<string, AddressGroupRecord[]>;
  dependencies: Record<string, AddressGroupDependency['dependency']>;
  /** Workspaces made beside the default one, per project (absent in state files written before there were any). */
  workspaces?: Record<string, WorkspaceRecord[]>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** VPC writes its timestamps as `2019-06-28T02:06:38.000+00:00`. */
const vpcTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** What a create request gives a network: the stored network is derived from it. */
type NetworkBody = Pick<Network, 'apiVersion' | 'kind' | 'spec'> & { metadata: Pick<Network['metadata'], 'labels'> };

export const peerKey = (peer: { peerVpcId: string; peerSubnetId: string }) => `${peer.peerVpcId}/${peer.peerSubnetId}`;

/** When each of `keys` was added: as in `previous` if it was there already, else `now`. */
function addedTimes(
  keys: readonly string[],
  previous: Readonly<Record<string, number>>,
  now: number,
): Record<string, number> {
  const times: Record<string, number> = {};
  // Keys are request data (an sfsId may be "__proto__"): own properties only.
  for (const key of keys) setOwn(times, key, ownValue(previous, key) ?? now);
  return times;
}

/** The keys connections are timed by: peer connections by VPC and subnet, SFS Turbo links by sfsId. */
function connectionKeys(network: Network): { peers: string[]; sfs: string[] } {
  return {
    peers: (network.spec.connection?.peerConnectionList ?? []).map(peerKey),
    sfs: (network.spec.connection?.sfsTurboConnectionList ?? []).map((link) => link.sfsId),
  };
}

/**
 * A made-up but stable access address for an SFS Turbo link (the emulator has no SFS Turbo): in 10.0.0.0/8,
 * derived from the sfsId.
 */
function sfsAddress(sfsId: string): string {
  const [a = 0, b = 0, c = 0] = createHash('sha256').update(sfsId).digest();
  return `10.${a}.${b}.${(c % 254) + 1}`;
}

/** Where a network list starts: the first network created at or after `createdAtMs`, then with an ID from `id`. */
export interface NetworkPosition {
  readonly createdAtMs: number;
  readonly id: string;
}

/** Networks list in creation order, then by ID (two created in the same millisecond). */
function compareNetworkPosition(record: NetworkRecord, position: NetworkPosition): number {
  const id = record.network.metadata.name;
  return record.createdAtMs - position.createdAtMs || (id < position.id ? -1 : id > position.id ? 1 : 0);
}

export const positionOf = (record: NetworkRecord): NetworkPosition => ({
  createdAtMs: record.createdAtMs,
  id: record.network.metadata.name,
});

interface NetworkTable {
  readonly byId: Map<string, NetworkRecord>;
  /** In list order. */
  readonly order: OrderedIndex<NetworkRecord>;
  /** The networks being deleted: all a purge needs to look at. */
  readonly deleting: Set<NetworkRecord>;
}

interface AddressGroupTable {
  readonly byId: Map<string, AddressGroupRecord>;
  /** In creation order (`seq`). */
  readonly order: OrderedIndex<AddressGroupRecord>;
  /** Where recently deleted groups stood, so that their IDs still work as markers. */
  readonly deletedSeq: Map<string, number>;
}

/** Deleted groups remembered per project as markers; an older marker is refused as unknown. */
const REMEMBERED_DELETIONS = 10_000;

export interface NetworkPage {
  readonly items: NetworkRecord[];
  /** The network the next page starts with. */
  readonly next: NetworkRecord | undefined;
  /** How many networks of the list follow this page. */
  readonly remaining: number;
}

export interface AddressGroupPage {
  readonly items: AddressGroupRecord[];
  /** Whether any group of the list follows this page. */
  readonly more: boolean;
}

/** A project ID derived from the region name: stable across restarts and machines, 32 hex digits as Huawei's. */
export function projectIdFor(region: string): string {
  return createHash('sha256').update(`huaweicloud-emulator/${region}`).digest('hex').slice(0, 32);
}

export class Store {
  private projects = new Map<string, ProjectRecord>();
  private networks = new Map<string, NetworkTable>();
  private addressGroups = new Map<string, AddressGroupTable>();
  private nextGroupSeq = 0;
  private dependencies = new Map<string, AddressGroupDependency['dependency']>();
  /** Per project, by ID, in creation order; the default workspace is not among them. */
  private workspaces = new Map<string, Map<string, WorkspaceRecord>>();

  constructor(
    readonly delays: LifecycleDelays,
    private readonly now: () => number,
    private readonly stateFile?: string,
  ) {
    this.restored = stateFile !== undefined && existsSync(stateFile);
    if (stateFile && this.restored) this.load(JSON.parse(readFileSync(stateFile, 'utf8')) as Snapshot);
    // Write at once: a state file that cannot be written is an error at start, not a 500 in the middle of a test.
    this.save();
  }

  /** Whether the state came from an existing state file (then seeding at start is skipped). */
  readonly restored: boolean;

  /** Records the paged lists have looked at since the start: what pages cost, for tests and benchmarks. */
  itemsVisited = 0;
  private readonly visit = () => {
    this.itemsVisited++;
  };

  // ---- projects ----

  /** The project of a region, created on first use (IAM answers for any well-formed region). */
  projectFor(region: string): ProjectRecord {
    const id = projectIdFor(region);
    let project = this.projects.get(id);
    if (!project) {
      project = { id, name: region };
      this.projects.set(id, project);
      this.save();
    }
    return project;
  }

  // ---- networks ----

  private networksOf(projectId: string): NetworkTable {
    let table = this.networks.get(projectId);
    if (!table) {
      table = {
        byId: new Map(),
        order: new OrderedIndex((a, b) => compareNetworkPosition(a, positionOf(b))),
        deleting: new Set(),
      };
      this.networks.set(projectId, table);
    }
    return table;
  }

  /** Drops networks whose deletion has finished. */
  private purgeDeleted(table: NetworkTable): void {
    const now = this.now();
    let purged = false;
    for (const record of table.deleting) {
      if (now - (record.deletedAtMs ?? now) >= this.delays.networkDeleteMs) {
        table.byId.delete(record.network.metadata.name);
        table.order.remove(record);
        table.deleting.delete(record);
        purged = true;
      }
    }
    if (purged) this.save();
  }

  /** The network as the API shows it now, status included. */
  viewNetwork(record: NetworkRecord): Network {
    const age = this.now() - record.createdAtMs;
    const createMs = record.delays?.networkCreateMs ?? this.delays.networkCreateMs;
    const peerConnectMs = record.delays?.peerConnectMs ?? this.delays.peerConnectMs;
    const phase: NetworkPhase =
      age < this.delays.networkPendingMs ? '' : age < createMs ? 'Creating' : record.abnormal ? 'Abnormal' : 'Active';
    const peers = record.network.spec.connection?.peerConnectionList ?? [];
    const sfs = record.network.spec.connection?.sfsTurboConnectionList ?? [];
    const connected = (addedAt: number | undefined) => this.now() - (addedAt ?? record.createdAtMs) >= peerConnectMs;
    const sfsStatus = (sfsId: string) =>
      record.deletedAtMs !== undefined
        ? 'Deleting'
        : !connected(ownValue(record.sfsAddedAtMs, sfsId))
          ? 'Creating'
          : record.abnormal
            ? 'Abnormal'
            : 'Active';
    // Views are serialized and dropped, never changed: shallow copies of the parts that differ are enough.
    const view: Network = { ...record.network, metadata: { ...record.network.metadata } };
    view.status = {
      phase,
      connectionStatus: {
        peerConnectionStatus: peers.map((peer) => ({
          ...peer,
          phase: connected(ownValue(record.peersAddedAtMs, peerKey(peer))) ? 'Active' : 'Connecting',
        })),
        // The links of sfsTurboConnectionList go through attached NICs: VpcPort on the get page (Peering is VPC peering).
        sfsTurboStatus: sfs.map((link) => {
          const status = sfsStatus(link.sfsId);
          return {
            name: link.name,
            sfsId: link.sfsId,
            connectionType: 'VpcPort',
            ...(status === 'Active' ? { ipAddr: sfsAddress(link.sfsId) } : {}),
            status,
          };
        }),
      },
    };
    if (record.deletedAtMs !== undefined) view.metadata.deletionTimestamp = iso(record.deletedAtMs);
    return view;
  }

  getNetwork(projectId: string, id: string): NetworkRecord | undefined {
    const table = this.networksOf(projectId);
    this.purgeDeleted(table);
    return table.byId.get(id);
  }

  countNetworks(projectId: string): number {
    const table = this.networksOf(projectId);
    this.purgeDeleted(table);
    return table.byId.size;
  }

  /**
   * Up to `limit` networks in list order, from the first at or after `from`, that `matches` accepts (all when it
   * is not given). Unfiltered, a page looks at its own networks, the next one and a binary search; a filter has to
   * look at every network after `from` to count what remains.
   */
  pageNetworks(
    projectId: string,
    options: {
      from?: NetworkPosition | undefined;
      limit: number;
      matches?: ((record: NetworkRecord) => boolean) | undefined;
    },
  ): NetworkPage {
    const table = this.networksOf(projectId);
    this.purgeDeleted(table);
    const { order } = table;
    const { from, limit, matches } = options;
    const start = from ? order.firstNotBefore((record) => compareNetworkPosition(record, from) < 0, this.visit) : 0;
    const items: NetworkRecord[] = [];
    if (!matches) {
      for (let i = start; i < Math.min(start + limit, order.size); i++) {
        this.visit();
        items.push(order.at(i) as NetworkRecord);
      }
      const next = order.at(start + limit);
      if (next) this.visit();
      return { items, next, remaining: order.size - start - items.length };
    }
    let next: NetworkRecord | undefined;
    let remaining = 0;
    for (let i = start; i < order.size; i++) {
      const record = order.at(i) as NetworkRecord;
      this.visit();
      if (!matches(record)) continue;
      if (items.length < limit) items.push(record);
      else {
        next ??= record;
        remaining++;
      }
    }
    return { items, next, remaining };
  }

  /** Creates a network now, or with `settled` long enough ago to be Active (or Abnormal) with its connections up. */
  createNetwork(
    projectId: string,
    body: NetworkBody,
    abnormal: boolean,
    options: { settled?: boolean } = {},
  ): NetworkRecord {
    const record = this.addNetwork(
      projectId,
      body,
      abnormal,
      options.settled ? this.settledCreationTime() : this.now(),
    );
    this.save();
    return record;
  }

  /** A creation time long enough ago that a network created then has settled, its connections included. */
  private settledCreationTime(): number {
    return this.now() - Math.max(this.delays.networkCreateMs, this.delays.peerConnectMs);
  }

  /**
   * The network as if created again now, `Creating` for `createMs` (its own delay from now on): its creation time,
   * and with it its place in the list, move to now, and its connections count from now too.
   */
  restartCreation(projectId: string, record: NetworkRecord, createMs: number): void {
    const { order } = this.networksOf(projectId);
    order.remove(record);
    const now = this.now();
    record.createdAtMs = now;
    record.network.metadata.creationTimestamp = iso(now);
    record.delays = { ...record.delays, networkCreateMs: createMs };
    const keys = connectionKeys(record.network);
    record.peersAddedAtMs = addedTimes(keys.peers, {}, now);
    record.sfsAddedAtMs = addedTimes(keys.sfs, {}, now);
    order.insert(record);
    this.save();
  }

  /** Its peer connections as if added now, each `Connecting` for `connectMs` (its own delay from now on). */
  restartPeerConnections(record: NetworkRecord, connectMs: number): void {
    record.delays = { ...record.delays, peerConnectMs: connectMs };
    record.peersAddedAtMs = addedTimes(connectionKeys(record.network).peers, {}, this.now());
    this.save();
  }

  /** Adds a network as the service stores it (ID `{name}-{project}`, default workspace, empty connection). */
  private addNetwork(projectId: string, body: NetworkBody, abnormal: boolean, createdAtMs: number): NetworkRecord {
    const name = `${body.metadata.labels['os.modelarts/name']}-${projectId}`;
    const network: Network = {
      apiVersion: body.apiVersion,
      kind: body.kind,
      metadata: {
        name,
        creationTimestamp: iso(createdAtMs),
        labels: { 'os.modelarts/workspace.id': '0', ...body.metadata.labels },
        annotations: {},
      },
      spec: { ...body.spec, connection: body.spec.connection ?? {} },
    };
    const keys = connectionKeys(network);
    const record: NetworkRecord = {
      network,
      createdAtMs,
      peersAddedAtMs: addedTimes(keys.peers, {}, createdAtMs),
      sfsAddedAtMs: addedTimes(keys.sfs, {}, createdAtMs),
      abnormal,
    };
    const table = this.networksOf(projectId);
    table.byId.set(name, record);
    table.order.insert(record);
    return record;
  }

  /** Stores a changed network (after a merge patch), stamping newly added peer connections and SFS Turbo links. */
  replaceNetwork(record: NetworkRecord, network: Network): NetworkRecord {
    // Changed in place: its ID and creation time, its place in the list, cannot change.
    const now = this.now();
    const keys = connectionKeys(network);
    record.network = network;
    record.peersAddedAtMs = addedTimes(keys.peers, record.peersAddedAtMs, now);
    record.sfsAddedAtMs = addedTimes(keys.sfs, record.sfsAddedAtMs, now);
    this.save();
    return record;
  }

  deleteNetwork(projectId: string, record: NetworkRecord): NetworkRecord {
    if (record.deletedAtMs === undefined) {
      record.deletedAtMs = this.now();
      this.networksOf(projectId).deleting.add(record);
      this.save();
    }
    return record;
  }

  // ---- address groups ----

  private groupsOf(projectId: string): AddressGroupTable {
    let table = this.addressGroups.get(projectId);
    if (!table) {
      table = { byId: new Map(), order: new OrderedIndex((a, b) => a.seq - b.seq), deletedSeq: new Map() };
      this.addressGroups.set(projectId, table);
    }
    return table;
  }

  viewAddressGroup(record: AddressGroupRecord): AddressGroup {
    const updating = record.updatingUntilMs !== undefined && this.now() < record.updatingUntilMs;
    return { ...record.group, status: updating ? 'UPDATING' : 'NORMAL', status_message: '' };
  }

  getAddressGroup(projectId: string, id: string): AddressGroupRecord | undefined {
    return this.groupsOf(projectId).byId.get(id);
  }

  /** Every address group of the project, in creation order. */
  listAddressGroups(projectId: string): AddressGroupRecord[] {
    const { order } = this.groupsOf(projectId);
    return Array.from({ length: order.size }, (_, i) => order.at(i) as AddressGroupRecord);
  }

  countAddressGroups(projectId: string): number {
    return this.groupsOf(projectId).byId.size;
  }

  /**
   * Up to `limit` groups in creation order after the group `marker` (also one deleted lately) that `matches`
   * accepts (all when it is not given); undefined when the marker is no group this project had. Unfiltered, a
   * page looks at its own groups, the next one and a binary search; a filter may look further for a match.
   */
  pageAddressGroups(
    projectId: string,
    options: {
      marker?: string | undefined;
      limit: number;
      matches?: ((record: AddressGroupRecord) => boolean) | undefined;
    },
  ): AddressGroupPage | undefined {
    const { byId, order, deletedSeq } = this.groupsOf(projectId);
    const { marker, limit, matches } = options;
    const markerSeq = marker === undefined ? -1 : (byId.get(marker)?.seq ?? deletedSeq.get(marker));
    if (markerSeq === undefined) return undefined;
    const items: AddressGroupRecord[] = [];
    if (limit === 0) return { items, more: false };
    for (let i = order.firstNotBefore((record) => record.seq <= markerSeq, this.visit); i < order.size; i++) {
      const record = order.at(i) as AddressGroupRecord;
      this.visit();
      if (matches && !matches(record)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(record);
    }
    return { items, more: false };
  }

  createAddressGroup(
    projectId: string,
    options: Omit<
      AddressGroup,
      'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'status' | 'status_message' | 'tags'
    >,
    save = true,
  ): AddressGroupRecord {
    const now = vpcTime(this.now());
    // The service answers both lists, whichever was sent, with remarks null where none were given.
    const entries = options.ip_extra_set ?? (options.ip_set ?? []).map((ip) => ({ ip, remarks: null }));
    const group: AddressGroup = {
      id: randomUUID(),
      name: options.name,
      description: options.description ?? '',
      ip_version: options.ip_version,
      max_capacity: options.max_capacity ?? 20,
      ip_set: entries.map((entry) => entry.ip),
      ip_extra_set: entries.map((entry) => ({ ip: entry.ip, remarks: entry.remarks ?? null })),
      enterprise_project_id: options.enterprise_project_id ?? '0',
      tenant_id: projectId,
      created_at: now,
      updated_at: now,
      status: 'NORMAL',
      status_message: '',
      tags: [],
    };
    const record: AddressGroupRecord = { group, seq: this.nextGroupSeq++ };
    const table = this.groupsOf(projectId);
    table.byId.set(group.id, record);
    table.order.insert(record);
    if (save) this.save();
    return record;
  }

  updateAddressGroup(record: AddressGroupRecord, changes: Partial<AddressGroup>): AddressGroupRecord {
    // Changed in place: its ID and its place in the list do not change.
    const entries = changes.ip_extra_set ?? changes.ip_set?.map((ip) => ({ ip, remarks: null }));
    record.group = {
      ...record.group,
      ...changes,
      ...(entries
        ? {
            ip_set: entries.map((e) => e.ip),
            ip_extra_set: entries.map((e) => ({ ip: e.ip, remarks: e.remarks ?? null })),
          }
        : {}),
      updated_at: vpcTime(this.now()),
    };
    record.updatingUntilMs = this.now() + this.delays.addressGroupUpdateMs;
    this.save();
    return record;
  }

  deleteAddressGroup(projectId: string, id: string): void {
    const table = this.groupsOf(projectId);
    const record = table.byId.get(id);
    if (record) {
      table.byId.delete(id);
      table.order.remove(record);
      table.deletedSeq.set(id, record.seq);
      // Map keeps insertion order: the first key is the oldest deletion.
      if (table.deletedSeq.size > REMEMBERED_DELETIONS) {
        table.deletedSeq.delete(table.deletedSeq.keys().next().value as string);
      }
    }
    this.dependencies.delete(id);
    this.save();
  }

  dependenciesOf(id: string): AddressGroupDependency['dependency'] {
    return this.dependencies.get(id) ?? [];
  }

  /** Marks a group as used by security-group or ACL rules (a fixture: the emulator has no such rules). */
  setDependencies(id: string, dependency: AddressGroupDependency['dependency']): void {
    if (dependency.length === 0) this.dependencies.delete(id);
    else this.dependencies.set(id, dependency);
    this.save();
  }

  // ---- workspaces ----

  /** The project's workspaces: the default one, then the others in creation order. */
  listWorkspaces(projectId: string): WorkspaceRecord[] {
    return [{ ...DEFAULT_WORKSPACE_RECORD }, ...(this.workspaces.get(projectId)?.values() ?? [])];
  }

  /** A new workspace (32 hexadecimal digits as its ID, as ModelArts gives); undefined when the name is taken. */
  createWorkspace(
    projectId: string,
    options: { name: string; description?: string; status?: string },
  ): WorkspaceRecord | undefined {
    if (this.listWorkspaces(projectId).some((workspace) => workspace.name === options.name)) return undefined;
    const now = this.now();
    const record: WorkspaceRecord = {
      ...DEFAULT_WORKSPACE_RECORD,
      id: randomUUID().replace(/-/g, ''),
      name: options.name,
      description: options.description ?? '',
      create_time: now,
      update_time: now,
      status: options.status ?? 'NORMAL',
    };
    let table = this.workspaces.get(projectId);
    if (!table) {
      table = new Map();
      this.workspaces.set(projectId, table);
    }
    table.set(record.id, record);
    this.save();
    return record;
  }

  // ---- bulk ----

  /** Creates resources without quotas or validation, for tests, benchmarks and showcases. One write of the state file. */
  seed(projectId: string, counts: { networks: number; addressGroups: number }): void {
    // Seeded networks are settled: created long enough ago to be Active from the start.
    const createdAtMs = this.settledCreationTime();
    const seedName = (n: number) => `seed-net-${String(n).padStart(6, '0')}`;
    let n = this.countNetworks(projectId);
    for (let i = 0; i < counts.networks; i++, n++) {
      // Numbered on from how many there are, skipping a number still taken after deletions: IDs are unique.
      while (this.networksOf(projectId).byId.has(`${seedName(n)}-${projectId}`)) n++;
      this.addNetwork(
        projectId,
        {
          apiVersion: 'v1',
          kind: 'Network',
          metadata: { labels: { 'os.modelarts/name': seedName(n) } },
          spec: { cidr: `172.${16 + (n % 16)}.${(n >> 4) % 256}.0/24` },
        },
        false,
        createdAtMs,
      );
    }
    const groupStart = this.countAddressGroups(projectId);
    for (let i = 0; i < counts.addressGroups; i++) {
      const n = groupStart + i;
      this.createAddressGroup(
        projectId,
        {
          name: `seed-group-${String(n).padStart(6, '0')}`,
          ip_version: n % 5 === 4 ? 6 : 4,
          description: `seeded ${n}`,
          ip_set: [n % 5 === 4 ? `2001:db8:${(n % 65536).toString(16)}::/64` : `10.${(n >> 8) % 256}.${n % 256}.0/24`],
        },
        false,
      );
    }
    this.save();
  }

  reset(): void {
    this.projects.clear();
    this.networks.clear();
    this.addressGroups.clear();
    this.nextGroupSeq = 0;
    this.dependencies.clear();
    this.workspaces.clear();
    this.save();
  }

  // ---- persistence ----

  private snapshot(): Snapshot {
    const byProject = <T>(map: Map<string, { byId: Map<string, T> }>) =>
      Object.fromEntries([...map].map(([project, table]) => [project, [...table.byId.values()]]));
    return {
      version: 1,
      projects: [...this.projects.values()],
      networks: byProject(this.networks),
      addressGroups: byProject(this.addressGroups),
      dependencies: Object.fromEntries(this.dependencies),
      workspaces: Object.fromEntries([...this.workspaces].map(([project, table]) => [project, [...table.values()]])),
    };
  }

  private load(snapshot: Snapshot): void {
    if (snapshot.version !== 1) {
      throw new Error(`state file version ${String(snapshot.version)} is not supported (expected 1)`);
    }
    for (const project of snapshot.projects) this.projects.set(project.id, project);
    for (const [project, records] of Object.entries(snapshot.networks)) {
      const table = this.networksOf(project);
      for (const record of records) {
        // State files written before links were timed have no sfsAddedAtMs: their links count from the creation.
        record.sfsAddedAtMs ??= {};
        table.byId.set(record.network.metadata.name, record);
        if (record.deletedAtMs !== undefined) table.deleting.add(record);
      }
      table.order.reset(records);
    }
    for (const [project, records] of Object.entries(snapshot.addressGroups)) {
      const table = this.groupsOf(project);
      for (const record of records) {
        // State files written before groups had a place in the list: the order they were saved in.
        record.seq ??= this.nextGroupSeq;
        this.nextGroupSeq = Math.max(this.nextGroupSeq, record.seq + 1);
        table.byId.set(record.group.id, record);
      }
      table.order.reset(records);
    }
    for (const [id, dependency] of Object.entries(snapshot.dependencies)) this.dependencies.set(id, dependency);
    for (const [project, records] of Object.entries(snapshot.workspaces ?? {})) {
      this.workspaces.set(project, new Map(records.map((record) => [record.id, record])));
    }
  }

  /**
   * Writes the whole state to a temporary file, flushes it to disk, then renames it over the state file: a reader
   * (or a restart after `kill -9` at any moment) sees the old state or the new one, never a torn file.
   */
  private save(): void {
    if (!this.stateFile) return;
    const temporary = `${this.stateFile}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify(this.snapshot()));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.stateFile);
  }
}
