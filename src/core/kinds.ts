// The resource kinds in one table: what each is called, which files are its documents, where its schema and API
// are, how a resource's ID, name and phase are read, and how a document and a live resource map to each other. Code
// that does something per kind asks its entry here (or a `Record<Kind, …>` of its own room, which the compiler keeps
// complete) rather than comparing kind names, so that a third kind is an entry here, its API module, its schema and
// its tests (docs/architecture.md, "Adding a third kind"). A test counts the comparisons with a kind's name left
// outside this file.
//
// The table sits right above api/ (ESLint keeps it there): it names what the API modules do per kind, and every other
// room reaches a kind through it. It is read at activation (which files are documents), so it stays small: of api/
// it loads only the pure per-kind modules (phases, live resources as documents, the network's labels); the clients
// are types here, called through the connection a caller passes.
import * as l10n from '@vscode/l10n';
import type {
  AddressGroup,
  AddressGroupDependency,
  AddressGroupDocument,
  AddressGroupsApi,
  CheckedOnServer,
} from './api/addressGroups';
import { addressGroupAsDocument, entriesListOf, networkAsDocument } from './api/asDocument';
import { NAME_LABEL } from './api/networkIds';
import type { Network, NetworkDocument, NetworksApi } from './api/networks';
import { addressGroupPhase, addressGroupStatedPhase, networkPhase, networkStatedPhase, type Phase } from './api/phases';
import { HuaweiCloudError } from './cloud/errors';
import type { BrowseEntry, CreateOptions, CreateResult, RequestOptions } from './cloud/requests';
import { isRecord } from './values';

export type { Phase } from './api/phases';

export type Kind = 'network' | 'addressGroup';

interface Resources {
  readonly network: Network;
  readonly addressGroup: AddressGroup;
}
interface Documents {
  readonly network: NetworkDocument;
  readonly addressGroup: AddressGroupDocument;
}

/** A resource of a kind as its service answers it. */
export type ResourceOf<K extends Kind> = Resources[K];
/** A document of a kind: the body of its create. */
export type DocumentOf<K extends Kind> = Documents[K];

/**
 * A resource with its kind: the one shape commands, the explorer (whose resource nodes are one), the provisioning
 * tracker and live documents pass around. `LiveResource` alone is any kind's; `LiveResource<K>` one kind's.
 */
export type LiveResource<K extends Kind = Kind> = {
  [P in K]: { readonly kind: P; readonly resource: ResourceOf<P> };
}[K];

/** The calls a kind's entry makes, of the services a connection holds (a test may stand in for only those). */
export type ServiceCalls<N extends keyof NetworksApi, A extends keyof AddressGroupsApi> = {
  readonly networks: Pick<NetworksApi, N>;
  readonly addressGroups: Pick<AddressGroupsApi, A>;
};

/** One page of a kind's list, in the explorer's terms; each API names the cursor and the name filter its own way. */
export interface ListQuery {
  readonly limit: number;
  readonly cursor: string | undefined;
  /** An exact name: the service filters by it. */
  readonly name: string | undefined;
  /** Networks: the ModelArts workspace listed. */
  readonly workspaceId: string | undefined;
}

export interface Page<T> {
  readonly entries: BrowseEntry<T>[];
  /** Where the next page starts; undefined after the last. */
  readonly cursor: string | undefined;
}

/** A kind whose resources may be in use elsewhere (a group in security-group or ACL rules) can be deleted with those uses. */
export interface ForceDelete {
  /** Whether a refused deletion was refused because the resource is in use. */
  inUse(error: unknown): boolean;
  /** What uses it. */
  users(
    services: ServiceCalls<never, 'dependencies'>,
    id: string,
    options: RequestOptions,
  ): Promise<AddressGroupDependency[]>;
  /** Deletes it and what uses it. */
  delete(
    services: ServiceCalls<never, 'forceDelete'>,
    id: string,
    options: RequestOptions,
  ): Promise<{ alreadyGone: boolean }>;
}

export interface KindEntry<K extends Kind> {
  readonly kind: K;

  // ---- words ----
  /** In a sentence: "network", "address group". */
  readonly noun: string;
  /** "networks", "address groups". */
  readonly plural: string;
  /** In the log, which stays English whatever the display language: "Network", "Address group". */
  readonly logNoun: string;
  /** With its article, in a sentence: "a network", "an address group". */
  readonly aNoun: string;
  /** With its article, at the start of a sentence: "A network", "An address group". */
  readonly sentenceANoun: string;
  /** At the start of a sentence: "Network", "Address group". */
  readonly sentenceNoun: string;
  /** In a title or on a button: "Network", "Address Group" (New Network Document, Create as New Address Group). */
  readonly titleNoun: string;
  /** With its service: "ModelArts network", "VPC address group". */
  readonly serviceNoun: string;
  /** The service, as its console names it: "ModelArts", "VPC". */
  readonly serviceName: string;
  /** Its list in the explorer: "ModelArts Networks", "VPC Address Groups". */
  readonly listLabel: string;
  /** What its name is called: a network's "display name" (its ID is another), a group's "name". */
  readonly nameWord: string;

  // ---- files, URIs, the explorer's identifiers ----
  /** Its documents' file names end so (any case): `.network.json`, `.address-group.json`. */
  readonly suffix: string;
  /** A file name for a document with no better name (`network-1.network.json`), and its read-only documents' URI segment. */
  readonly slug: string;
  /** Its list's segment in the explorer's node ids and in the list's contextValue (`huaweicloud.service.networks`). */
  readonly listSegment: string;
  /** Its resource nodes' contextValue, which menus match. */
  readonly contextValue: string;
  /** The codicon of its list. */
  readonly icon: string;
  /** The command that opens a new document of it. */
  readonly newDocumentCommand: string;
  /** The contributed snippet a new document starts as (snippets/json.code-snippets). */
  readonly snippet: string;
  /** Its documents' JSON schema, under schemas/ (package.json maps `*<suffix>` to it; compile-schemas.mjs compiles it). */
  readonly schema: string;

  // ---- documents ----
  /** Text every document of it holds: a JSON file of another name without all of them is not read further. */
  readonly markers: readonly string[];
  /** Whether a parsed document is of this kind, from its top-level properties (`top(key)`: the value's node). */
  recognises(top: (key: string) => { readonly type: string; readonly value?: unknown } | undefined): boolean;
  /** Where a document holds the resource's name. */
  readonly namePath: readonly string[];
  /** The name a document (one that passed the checks) gives. */
  nameOf(document: DocumentOf<K>): string;

  // ---- a live resource ----
  /** Its ID, read defensively (a malformed item too): a network's `metadata.name`, a group's `id`. */
  idIn(resource: unknown): string | undefined;
  /** Its name, read defensively: a network's name label, a group's `name`. */
  nameIn(resource: unknown): string | undefined;
  /** What its phase means for whoever waits on it. */
  phase(resource: ResourceOf<K>): Phase;
  /** Its phase or status in the service's own word (a network's `""` just after a create is Creating). */
  statedPhase(resource: ResourceOf<K>): string;
  /**
   * The resource written as the document that would create it; laid out like `like` (a document) where the kind
   * leaves a choice: a group's entries in the list the document uses.
   */
  asDocument(resource: ResourceOf<K>, like?: unknown): DocumentOf<K>;

  // ---- what the kind's service does ----
  /** Names are unique in a project: a document's name says which resource it is (no link is needed). */
  readonly uniqueNames: boolean;
  /** Listed per ModelArts workspace. */
  readonly inWorkspaces: boolean;
  /** Of a kind whose service checks a document without acting on it (a dry run): whether one asks for it, and the check. */
  readonly dryRun:
    | {
        /** The document asks only for the check (`"dry_run": true`): a create or an update then changes nothing. */
        asked(document: DocumentOf<K>): boolean;
        check(
          services: ServiceCalls<never, 'dryRun'>,
          document: DocumentOf<K>,
          options: RequestOptions,
        ): Promise<CheckedOnServer>;
      }
    | undefined;
  /** Of a kind whose ID derives from its name (a network's is `{name}-{project_id}`), the ID a name gets. */
  readonly derivedId: ((services: ServiceCalls<'derivedId', never>, name: string) => string) | undefined;
  get(services: ServiceCalls<'get', 'get'>, id: string, options: RequestOptions): Promise<ResourceOf<K>>;
  list(
    services: ServiceCalls<'browsePage', 'browsePage'>,
    query: ListQuery,
    options: RequestOptions,
  ): Promise<Page<ResourceOf<K>>>;
  /**
   * Of a kind whose names are unique in a project, the resource of a name, if any: a document's name then says which
   * resource it is. Undefined for a kind whose names repeat (its documents are linked to one).
   */
  readonly findByName:
    | ((
        services: ServiceCalls<'findByDisplayName', never>,
        name: string,
        options: RequestOptions,
      ) => Promise<ResourceOf<K> | undefined>)
    | undefined;
  /** The resources of a name (for a kind of unique names, the one there is, if any). */
  named(
    services: ServiceCalls<'findByDisplayName', 'groupsNamed'>,
    name: string,
    options: RequestOptions,
  ): Promise<ResourceOf<K>[]>;
  create(
    services: ServiceCalls<'create', 'create'>,
    document: DocumentOf<K>,
    options: CreateOptions,
  ): Promise<CreateResult<ResourceOf<K>> | CheckedOnServer>;
  /**
   * Deletes it: gone at once, or `deleting` — a deletion accepted that the resource shows (answering GET) until it
   * is gone, as the service answered it or, without an answer, as it was with the deletion's time.
   */
  delete(
    services: ServiceCalls<'delete', 'delete'>,
    resource: ResourceOf<K>,
    options: RequestOptions,
  ): Promise<{ readonly alreadyGone: boolean; readonly deleting?: ResourceOf<K> | undefined }>;
  /** What a deletion takes with it, for the confirmation. */
  readonly deleteConsequence: string;
  readonly forceDelete: ForceDelete | undefined;
}

const record = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** An ID is a string that is not empty: one the API's shape check let through, or nothing. */
const id = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const NETWORK: KindEntry<'network'> = {
  kind: 'network',
  // The words are getters: translated when read, after the VS Code layer has configured the display language.
  get noun() {
    return l10n.t('network');
  },
  get plural() {
    return l10n.t('networks');
  },
  logNoun: 'Network',
  get aNoun() {
    return l10n.t('a network');
  },
  get sentenceANoun() {
    return l10n.t('A network');
  },
  get sentenceNoun() {
    return l10n.t('Network');
  },
  get titleNoun() {
    return l10n.t('Network');
  },
  get serviceNoun() {
    return l10n.t('ModelArts network');
  },
  serviceName: 'ModelArts',
  get listLabel() {
    return l10n.t('ModelArts Networks');
  },
  get nameWord() {
    return l10n.t('display name');
  },
  suffix: '.network.json',
  slug: 'network',
  listSegment: 'networks',
  contextValue: 'huaweicloud.network',
  icon: 'type-hierarchy',
  newDocumentCommand: 'huaweicloud.newNetworkDocument',
  snippet: 'Huawei Cloud: ModelArts network',
  schema: 'network.schema.json',
  markers: ['"Network"', '"apiVersion"'],
  recognises: (top) => top('kind')?.value === 'Network' && top('apiVersion')?.value === 'v1',
  namePath: ['metadata', 'labels', NAME_LABEL],
  nameOf: (document) => document.metadata.labels[NAME_LABEL],
  idIn: (resource) => id(record(record(resource)?.metadata)?.name),
  nameIn: (resource) => text(record(record(record(resource)?.metadata)?.labels)?.[NAME_LABEL]),
  phase: networkPhase,
  statedPhase: networkStatedPhase,
  asDocument: networkAsDocument,
  uniqueNames: true,
  inWorkspaces: true,
  // ModelArts has no server-side dry run.
  dryRun: undefined,
  derivedId: (services, name) => services.networks.derivedId(name),
  get: (services, networkId, options) => services.networks.get(networkId, options),
  list: async (services, query, options) => {
    const page = await services.networks.browsePage(
      {
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { continueToken: query.cursor }),
        ...(query.name === undefined ? {} : { labelSelector: `${NAME_LABEL}=${query.name}` }),
        ...(query.workspaceId === undefined ? {} : { workspaceId: query.workspaceId }),
      },
      options,
    );
    return { entries: page.entries, cursor: page.continueToken };
  },
  findByName: (services, name, options) => services.networks.findByDisplayName(name, options),
  named: async (services, name, options) => {
    const network = await services.networks.findByDisplayName(name, options);
    return network ? [network] : [];
  },
  create: (services, document, options) => services.networks.create(document, options),
  delete: async (services, network, options) => {
    const { alreadyGone, network: answered } = await services.networks.delete(network.metadata.name, options);
    if (alreadyGone) return { alreadyGone };
    return {
      alreadyGone,
      deleting: answered ?? {
        ...network,
        metadata: { ...network.metadata, deletionTimestamp: new Date().toISOString() },
      },
    };
  },
  get deleteConsequence() {
    return l10n.t(
      'Its peer connections and SFS Turbo links go with it; ModelArts resources that use it lose their network.',
    );
  },
  forceDelete: undefined,
};

const ADDRESS_GROUP: KindEntry<'addressGroup'> = {
  kind: 'addressGroup',
  get noun() {
    return l10n.t('address group');
  },
  get plural() {
    return l10n.t('address groups');
  },
  logNoun: 'Address group',
  get aNoun() {
    return l10n.t('an address group');
  },
  get sentenceANoun() {
    return l10n.t('An address group');
  },
  get sentenceNoun() {
    return l10n.t('Address group');
  },
  get titleNoun() {
    return l10n.t('Address Group');
  },
  get serviceNoun() {
    return l10n.t('VPC address group');
  },
  serviceName: 'VPC',
  get listLabel() {
    return l10n.t('VPC Address Groups');
  },
  get nameWord() {
    return l10n.t('name');
  },
  suffix: '.address-group.json',
  slug: 'address-group',
  listSegment: 'addressGroups',
  contextValue: 'huaweicloud.addressGroup',
  icon: 'list-unordered',
  newDocumentCommand: 'huaweicloud.newAddressGroupDocument',
  snippet: 'Huawei Cloud: VPC IP address group',
  schema: 'address-group.schema.json',
  markers: ['"address_group"'],
  recognises: (top) => top('address_group')?.type === 'object',
  namePath: ['address_group', 'name'],
  nameOf: (document) => document.address_group.name,
  idIn: (resource) => id(record(resource)?.id),
  nameIn: (resource) => text(record(resource)?.name),
  phase: addressGroupPhase,
  statedPhase: addressGroupStatedPhase,
  asDocument: (group, like) => addressGroupAsDocument(group, entriesListOf(like)),
  uniqueNames: false,
  inWorkspaces: false,
  dryRun: {
    asked: (document) => document.dry_run === true,
    check: (services, document, options) => services.addressGroups.dryRun(document, options),
  },
  derivedId: undefined,
  get: (services, groupId, options) => services.addressGroups.get(groupId, options),
  list: async (services, query, options) => {
    const page = await services.addressGroups.browsePage(
      {
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { marker: query.cursor }),
        ...(query.name === undefined ? {} : { name: [query.name] }),
      },
      options,
    );
    return { entries: page.entries, cursor: page.nextMarker };
  },
  findByName: undefined,
  named: (services, name, options) => services.addressGroups.groupsNamed(name, options),
  create: (services, document, options) => services.addressGroups.create(document, options),
  delete: (services, group, options) => services.addressGroups.delete(group.id, options),
  get deleteConsequence() {
    return l10n.t(
      'Security-group and network ACL rules that use it keep it from being deleted; you will be asked before they are removed.',
    );
  },
  forceDelete: {
    // VPC.9907: the group is used by security-group or network ACL rules.
    inUse: (error) => error instanceof HuaweiCloudError && error.code === 'VPC.9907',
    users: (services, groupId, options) => services.addressGroups.dependencies([groupId], options),
    delete: (services, groupId, options) => services.addressGroups.forceDelete(groupId, options),
  },
};

/** The table. */
export const KINDS: { readonly [K in Kind]: KindEntry<K> } = { network: NETWORK, addressGroup: ADDRESS_GROUP };

/** Whether a value (a command's argument, a stored state) names a kind. */
export const isKind = (value: unknown): value is Kind => typeof value === 'string' && Object.hasOwn(KINDS, value);

/** Every kind, in the order the explorer lists them. */
export const KIND_LIST: readonly Kind[] = Object.freeze(Object.keys(KINDS).filter(isKind));

/** The kind a file name gives (`*.network.json`, `*.address-group.json`, any case), if any. Parses nothing. */
export function kindFromFileName(fileName: string): Kind | undefined {
  const lower = fileName.toLowerCase();
  return KIND_LIST.find((kind) => lower.endsWith(KINDS[kind].suffix));
}

/** The kind whose markers a text holds (a guess without parsing: see `recognises` for the decision), if any. */
export function kindFromText(text: string): Kind | undefined {
  return KIND_LIST.find((kind) => KINDS[kind].markers.every((marker) => text.includes(marker)));
}

/**
 * Whether a JSON file of another name may be a document (a network's `"kind": "Network"` with `"apiVersion"`, a
 * group's `address_group` key): a text search that spares every other JSON file the parse and the checks.
 */
export const mayHoldDocument = (text: string): boolean => kindFromText(text) !== undefined;

// ---- a live resource, whatever its kind ----

/** A resource of a kind with its kind. */
export const tagged = <K extends Kind>(kind: K, resource: ResourceOf<K>): LiveResource<K> => ({ kind, resource });

/** A live resource's ID (what its API calls take): a network's `metadata.name`, a group's `id`. */
export function idOf<K extends Kind>(live: LiveResource<K>): string {
  return KINDS[live.kind].idIn(live.resource) ?? '';
}

/** Its name as people know it; its ID when the service sent no text for it. */
export function nameOf<K extends Kind>(live: LiveResource<K>): string {
  return KINDS[live.kind].nameIn(live.resource) ?? idOf(live);
}

/** Its phase or status in the service's own word. */
export function statedPhaseOf<K extends Kind>(live: LiveResource<K>): string {
  return KINDS[live.kind].statedPhase(live.resource);
}

/** The resource written as the document that would create it (laid out like `like`, where its kind leaves a choice). */
export function documentOf<K extends Kind>(live: LiveResource<K>, like?: unknown): DocumentOf<K> {
  return KINDS[live.kind].asDocument(live.resource, like);
}

/** What its phase means (see ./api/phases.ts). */
export function phaseOf<K extends Kind>(live: LiveResource<K>): Phase {
  return KINDS[live.kind].phase(live.resource);
}

/** A resource of a kind read by ID, with its kind. */
export async function getLive<K extends Kind>(
  services: ServiceCalls<'get', 'get'>,
  kind: K,
  resourceId: string,
  options: RequestOptions = {},
): Promise<LiveResource<K>> {
  return tagged(kind, await KINDS[kind].get(services, resourceId, options));
}

// ---- a document's request, whatever its kind ----

/** What a checked document asks for (documents/documentRequest.ts makes it): a resource of its kind, of this name, with this body. */
export type DocumentRequest<K extends Kind = Kind> = {
  [P in K]: { readonly kind: P; readonly name: string; readonly document: DocumentOf<P> };
}[K];

/** Whether a request is of a kind (then typed as one of it): a document is compared only with a resource of its kind. */
export function isRequestOf<K extends Kind>(
  request: DocumentRequest,
  kind: K,
): request is DocumentRequest & DocumentRequest<K> {
  return request.kind === kind;
}

/** Whether the document asks only for its service's check (a dry run), of a kind that has one. */
export function asksDryRun<K extends Kind>(request: DocumentRequest<K>): boolean {
  return KINDS[request.kind].dryRun?.asked(request.document) === true;
}

/** The service's check of the document (a dry run), of a kind that has one; undefined for another. */
export function dryRunCheck<K extends Kind>(
  services: ServiceCalls<never, 'dryRun'>,
  request: DocumentRequest<K>,
  options: RequestOptions,
): Promise<CheckedOnServer> | undefined {
  return KINDS[request.kind].dryRun?.check(services, request.document, options);
}

/** Of a kind whose names are unique, the live resource of the document's name, if any; undefined for another kind. */
export async function liveNamed<K extends Kind>(
  services: ServiceCalls<'findByDisplayName', never>,
  request: DocumentRequest<K>,
  options: RequestOptions,
): Promise<LiveResource<K> | undefined> {
  const resource = await KINDS[request.kind].findByName?.(services, request.name, options);
  return resource && tagged(request.kind, resource);
}

/** The IDs of the resources of the document's name. */
export async function idsNamed<K extends Kind>(
  services: ServiceCalls<'findByDisplayName', 'groupsNamed'>,
  request: DocumentRequest<K>,
  options: RequestOptions,
): Promise<string[]> {
  const { named, idIn } = KINDS[request.kind];
  return (await named(services, request.name, options)).flatMap((resource) => idIn(resource) ?? []);
}

/** The create of the document's resource; its answer's resource with its kind (or the service's check of a dry run). */
export async function createLive<K extends Kind>(
  services: ServiceCalls<'create', 'create'>,
  request: DocumentRequest<K>,
  options: CreateOptions,
): Promise<CreateResult<LiveResource<K>> | CheckedOnServer> {
  const result = await KINDS[request.kind].create(services, request.document, options);
  return 'checkedOnly' in result ? result : { ...result, resource: tagged(request.kind, result.resource) };
}
