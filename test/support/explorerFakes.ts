// A scripted connection for the explorer's core model: pages cut from arrays, every page request recorded, and a
// hook to fail, hold or alter any one of them.
import type { AddressGroup } from '../../src/core/api/addressGroups';
import type { FetchedPage, FetchPage, PageQuery } from '../../src/core/explorer/group';
import type { ExplorerConnection } from '../../src/core/explorer/model';
import type { Kind } from '../../src/core/kinds';
import type { Network } from '../../src/core/api/networks';
import type { BrowseEntry } from '../../src/core/cloud/requests';

export const PROJECT = '0123456789abcdef0123456789abcdef';

export function network(
  name: string,
  extra: { phase?: unknown; workspace?: string; cidr?: string; deleting?: boolean } = {},
): Network {
  return {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: {
      name: `${name}-${PROJECT}`,
      creationTimestamp: '2024-05-06T07:08:09Z',
      labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': extra.workspace ?? '0' },
      ...(extra.deleting ? { deletionTimestamp: '2024-05-07T00:00:00Z' } : {}),
    },
    spec: { cidr: extra.cidr ?? '192.168.0.0/16' },
    status: { phase: (extra.phase ?? 'Active') as string },
  };
}

export function addressGroup(n: number, extra: Partial<AddressGroup> = {}): AddressGroup {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `group-${n}`,
    ip_version: 4,
    ip_set: [`10.0.${n % 256}.0/24`],
    status: 'NORMAL',
    created_at: '2024-01-02T03:04:05.000+00:00',
    updated_at: '2024-01-02T03:04:05',
    enterprise_project_id: '0',
    ...extra,
  };
}

export interface PageCall {
  readonly kind: Kind;
  readonly cursor: string | undefined;
  readonly query: PageQuery;
}

/** Decides what one page request gets: the default page, or anything else (an error, a held promise…). */
export type PageHook = (
  call: PageCall,
  page: () => FetchedPage<unknown>,
) => Promise<FetchedPage<unknown>> | FetchedPage<unknown>;

export interface FakeConnection extends ExplorerConnection {
  readonly calls: PageCall[];
  readonly gets: { kind: Kind; id: string }[];
  readonly data: { network: Network[]; addressGroup: AddressGroup[] };
  hook: PageHook | undefined;
  /** Whether the fake honours the filter (a server that ignores it returns everything). */
  honourFilter: boolean;
}

export function fakeConnection(
  data: { network?: Network[]; addressGroup?: AddressGroup[] } = {},
  source = 'environment',
): FakeConnection {
  const calls: PageCall[] = [];
  const gets: { kind: Kind; id: string }[] = [];
  const connection: FakeConnection = {
    identity: `fake-${source}`,
    source,
    name: source === 'emulator' ? 'Local emulator' : 'AK HPUA…',
    origin: `the ${source}`,
    region: 'cn-north-4',
    projectId: PROJECT,
    projectIdOrigin: 'IAM',
    calls,
    gets,
    data: { network: data.network ?? [], addressGroup: data.addressGroup ?? [] },
    hook: undefined,
    honourFilter: true,
    fetchPage: { network: undefined as never, addressGroup: undefined as never },
    getResource: {
      network: async (id) => {
        gets.push({ kind: 'network', id });
        return connection.data.network.find((item) => item.metadata.name === id);
      },
      addressGroup: async (id) => {
        gets.push({ kind: 'addressGroup', id });
        return connection.data.addressGroup.find((item) => item.id === id);
      },
    },
  };
  const pages =
    <T>(kind: Kind, matches: (item: T, query: PageQuery) => boolean): FetchPage<T> =>
    async (cursor, query, signal) => {
      const call = { kind, cursor, query };
      calls.push(call);
      const page = (): FetchedPage<T> => {
        const all = (connection.data[kind] as T[]).filter((item) => !connection.honourFilter || matches(item, query));
        const start = cursor === undefined ? 0 : Number(cursor);
        const items = all.slice(start, start + query.limit);
        const next = start + query.limit < all.length ? String(start + query.limit) : undefined;
        return { entries: items.map((resource): BrowseEntry<T> => ({ ok: true, resource })), cursor: next };
      };
      if (signal.aborted) throw new Error('aborted');
      return (connection.hook ? await connection.hook(call, page) : page()) as FetchedPage<T>;
    };
  (connection as { fetchPage: ExplorerConnection['fetchPage'] }).fetchPage = {
    network: pages<Network>(
      'network',
      (item, query) =>
        (query.filter === undefined || item.metadata.labels['os.modelarts/name'] === query.filter) &&
        (query.workspaceId === undefined ||
          (item.metadata.labels['os.modelarts/workspace.id'] ?? '0') === query.workspaceId),
    ),
    addressGroup: pages<AddressGroup>(
      'addressGroup',
      (item, query) => query.filter === undefined || item.name === query.filter,
    ),
  };
  return connection;
}

/** A promise and its resolver, to hold a page until the test lets it go. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued microtasks (the model's batched change events) run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
