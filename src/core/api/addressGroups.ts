// VPC IP address groups: /v3/{project_id}/vpc/address-groups (with a hyphen). Types cover every field of the
// reference pages (create, list, get, update, delete, force delete) and the dependency query.
import { unexpectedAnswer } from '../cloud/answers';
import { isString } from '../values';
import { isRecord } from '../values';
import type { HttpResponse } from '../cloud/http';
import {
  allPages,
  type CreateOptions,
  type CreateResult,
  type ExistingBefore,
  isAmbiguous,
  notCreated,
  ProjectScopedApi,
  recoverLostCreate,
  type RequestOptions,
  withoutSchemaKey,
} from '../cloud/requests';
import type { BrowseEntry, Updated } from '../cloud/requests';
import { pathSegmentProblem } from '../cloud/pathSegments';
import { buildPath } from '../cloud/pathSegments';

export type AddressGroupStatus = 'NORMAL' | 'UPDATING' | 'UPDATE_FAILED' | (string & {});

export interface IpExtraSetEntry {
  ip: string;
  remarks?: string | null;
}

export interface AddressGroupOptions {
  name: string;
  description?: string;
  ip_version: 4 | 6;
  max_capacity?: number;
  ip_set?: string[];
  ip_extra_set?: IpExtraSetEntry[];
  enterprise_project_id?: string;
}

/** The body of POST /v3/{project_id}/vpc/address-groups: what a `*.address-group.json` document holds. */
export interface AddressGroupDocument {
  $schema?: string;
  dry_run?: boolean;
  address_group: AddressGroupOptions;
}

export interface AddressGroupUpdate {
  name?: string;
  description?: string;
  ip_set?: string[];
  ip_extra_set?: IpExtraSetEntry[];
  max_capacity?: number;
}

export interface AddressGroup {
  id: string;
  name: string;
  description?: string;
  max_capacity?: number;
  ip_set?: string[];
  ip_version: 4 | 6;
  created_at?: string;
  updated_at?: string;
  tenant_id?: string;
  enterprise_project_id?: string;
  tags?: { key: string; value: string }[];
  status?: AddressGroupStatus;
  status_message?: string;
  ip_extra_set?: IpExtraSetEntry[];
}

export interface AddressGroupListQuery {
  limit?: number;
  marker?: string;
  id?: string[];
  name?: string[];
  ipVersion?: 4 | 6;
  description?: string[];
  enterpriseProjectId?: string;
}

export interface AddressGroupPage {
  addressGroups: AddressGroup[];
  /** Absent on the last page. */
  nextMarker?: string;
  requestId?: string;
}

/** A page as `browsePage` reads it: groups, and malformed items in their places. */
export interface AddressGroupBrowsePage {
  entries: BrowseEntry<AddressGroup>[];
  /** Absent on the last page. */
  nextMarker?: string;
  requestId?: string;
}

export interface AddressGroupDependency {
  id: string;
  enterprise_project_id?: string;
  dependency: { type: 'sg' | 'acl' | (string & {}); instance_id: string; instance_name?: string }[];
}

interface AddressGroupResponse {
  request_id?: string;
  address_group?: AddressGroup;
}

/** The entries of a group, whichever of ip_set / ip_extra_set carries them, sorted for comparison. */
function entriesOf(group: Pick<AddressGroupOptions, 'ip_set' | 'ip_extra_set'>): string[] {
  return [...(group.ip_set ?? group.ip_extra_set?.map((entry) => entry.ip) ?? [])].sort();
}

/** A document that asked for a dry run (202): the service checked it and created nothing. */
export interface CheckedOnServer {
  readonly checkedOnly: true;
  readonly requestId: string | undefined;
}

/** Pages of a name's groups read by one look around a create: names are rarely shared by more than a few. */
const MAX_PAGES_OF_A_NAME = 20;

/**
 * What keeps `value` from being an address group this client can work with, for people; undefined when it is one.
 * Its ID must be one a request path can carry: a group "named" ".." would be the path's parent.
 */
function addressGroupProblem(value: unknown): string | undefined {
  if (!(
    isRecord(value) &&
    isString(value.id) &&
    isString(value.name) &&
    (value.ip_version === 4 || value.ip_version === 6)
  )) {
    return 'it has no id, name or ip_version 4 or 6';
  }
  const idProblem = pathSegmentProblem(value.id);
  return idProblem && `its id ${JSON.stringify(value.id)} ${idProblem}`;
}

function isAddressGroup(value: unknown): value is AddressGroup {
  return addressGroupProblem(value) === undefined;
}

/** The group of a `{request_id, address_group}` answer, checked. */
function groupOf(response: HttpResponse<AddressGroupResponse | undefined>): AddressGroup {
  const group = isRecord(response.body) ? response.body.address_group : undefined;
  const problem = addressGroupProblem(group);
  if (problem) {
    throw unexpectedAnswer(
      response,
      isRecord(group)
        ? `its address_group is not one: ${problem}`
        : 'no address_group with an id, a name and an ip_version in it',
    );
  }
  return group as AddressGroup;
}

export class AddressGroupsApi extends ProjectScopedApi {
  private path(...rest: string[]): string {
    return buildPath('v3', this.projectId, 'vpc', 'address-groups', ...rest);
  }

  /**
   * Sends the document as it is written (without `$schema`). A document with `"dry_run": true` is checked by the
   * service and nothing is created (`CheckedOnServer`). Otherwise 201 and the group; when the answer is lost, the
   * group is looked for among the groups of that name that did not exist before the request (names are not
   * unique) — see `recoverLostCreate`. A definite refusal throws with `changeOutcome` 'notCreated'.
   */
  create(document: AddressGroupDocument & { dry_run: true }, options?: CreateOptions): Promise<CheckedOnServer>;
  create(
    document: AddressGroupDocument & { dry_run?: false },
    options?: CreateOptions,
  ): Promise<CreateResult<AddressGroup>>;
  create(
    document: AddressGroupDocument,
    options?: CreateOptions,
  ): Promise<CreateResult<AddressGroup> | CheckedOnServer>;
  async create(
    document: AddressGroupDocument,
    options: CreateOptions = {},
  ): Promise<CreateResult<AddressGroup> | CheckedOnServer> {
    const body = withoutSchemaKey(document);
    const wanted = document.address_group;
    const what = `address group ${wanted.name}`;
    if (document.dry_run === true) return this.checkOnServer(body, options);
    let before: ExistingBefore;
    try {
      before = options.existingBefore ?? {
        ids: new Set((await this.groupsNamed(wanted.name, options)).map((group) => group.id)),
      };
    } catch (error) {
      throw notCreated(error, what);
    }
    try {
      const response = await this.send<AddressGroupResponse>({ method: 'POST', path: this.path(), body }, options);
      return {
        resource: groupOf(response),
        requestId: response.requestId ?? response.body?.request_id,
        recoveredAfterLostAnswer: false,
      };
    } catch (error) {
      if (!isAmbiguous(error)) throw notCreated(error, what);
      const wantedEntries = entriesOf(wanted).join(',');
      return recoverLostCreate(error, what, this.lostCreateSearch, options.signal, async (signal) => {
        const created = (await this.groupsNamed(wanted.name, { signal })).filter((group) => !before.ids.has(group.id));
        const matching = created.filter(
          (group) => group.ip_version === wanted.ip_version && entriesOf(group).join(',') === wantedEntries,
        );
        if (matching.length > 1) {
          return {
            undecidable: `${matching.length} new groups of that name hold what was sent (${matching.map((group) => group.id).join(', ')})`,
          };
        }
        const [found] = matching;
        return found ? { found } : { notYet: true, lookalike: created.length > 0 };
      });
    }
  }

  /** Checks a document on the server without creating anything (`dry_run`: 202 when it passes). */
  dryRun(document: AddressGroupDocument, options: RequestOptions = {}): Promise<CheckedOnServer> {
    return this.checkOnServer({ ...withoutSchemaKey(document), dry_run: true }, options);
  }

  private async checkOnServer(body: object, options: RequestOptions): Promise<CheckedOnServer> {
    // Creates nothing, so it may be repeated like a GET.
    const response = await this.send<AddressGroupResponse>(
      { method: 'POST', path: this.path(), body, idempotent: true },
      options,
    );
    if (response.status !== 202) {
      const group = isRecord(response.body) ? response.body.address_group : undefined;
      throw unexpectedAnswer(
        response,
        isAddressGroup(group)
          ? `the service created address group ${group.id} although dry_run was true`
          : 'a dry run is answered with 202',
      );
    }
    return {
      checkedOnly: true,
      requestId:
        response.requestId ??
        (isRecord(response.body) && isString(response.body.request_id) ? response.body.request_id : undefined),
    };
  }

  /** The groups of exactly this name (the server's filter checked again here), a bounded number of pages. */
  async groupsNamed(name: string, options: RequestOptions = {}): Promise<AddressGroup[]> {
    const groups: AddressGroup[] = [];
    const pages = allPages(async (marker) => {
      const page = await this.listPage({ name: [name], ...(marker ? { marker } : {}) }, options);
      return { items: page.addressGroups, cursor: page.nextMarker };
    }, MAX_PAGES_OF_A_NAME);
    for await (const group of pages) if (group.name === name) groups.push(group);
    return groups;
  }

  /** A list answer whose envelope was checked: its `address_groups`, items not yet. */
  private async listAnswer(query: AddressGroupListQuery, options: RequestOptions) {
    const response = await this.send<unknown>(
      {
        method: 'GET',
        path: this.path(),
        query: {
          limit: query.limit,
          marker: query.marker,
          id: query.id,
          name: query.name,
          ip_version: query.ipVersion,
          description: query.description,
          enterprise_project_id: query.enterpriseProjectId,
        },
      },
      options,
    );
    const body = response.body;
    if (!isRecord(body) || !Array.isArray(body.address_groups)) {
      throw unexpectedAnswer(response, 'no address_groups list in it');
    }
    return { response, body, groups: body.address_groups as unknown[] };
  }

  async listPage(query: AddressGroupListQuery = {}, options: RequestOptions = {}): Promise<AddressGroupPage> {
    const { response, body, groups } = await this.listAnswer(query, options);
    const malformed = groups.findIndex((group) => !isAddressGroup(group));
    if (malformed >= 0) {
      throw unexpectedAnswer(
        response,
        `address_groups[${malformed}] is not an address group: ${addressGroupProblem(groups[malformed]) ?? ''}`,
      );
    }
    const page: AddressGroupPage = { addressGroups: groups as AddressGroup[] };
    const next = isRecord(body.page_info) ? body.page_info.next_marker : undefined;
    if (isString(next) && next !== '' && page.addressGroups.length > 0) page.nextMarker = next;
    const requestId = response.requestId ?? (isString(body.request_id) ? body.request_id : undefined);
    if (requestId) page.requestId = requestId;
    return page;
  }

  /**
   * One page for a person browsing it (the explorer): like `listPage`, but an item that is not an address group is
   * kept, raw, in its place rather than failing the page.
   */
  async browsePage(query: AddressGroupListQuery = {}, options: RequestOptions = {}): Promise<AddressGroupBrowsePage> {
    const { response, body, groups } = await this.listAnswer(query, options);
    const entries = groups.map((group: unknown, index): BrowseEntry<AddressGroup> => {
      const problem = addressGroupProblem(group);
      return problem === undefined
        ? { ok: true, resource: group as AddressGroup }
        : { ok: false, index, raw: group, problem: `not an address group: ${problem}` };
    });
    const page: AddressGroupBrowsePage = { entries };
    const next = isRecord(body.page_info) ? body.page_info.next_marker : undefined;
    if (isString(next) && next !== '' && entries.length > 0) page.nextMarker = next;
    const requestId = response.requestId ?? (isString(body.request_id) ? body.request_id : undefined);
    if (requestId) page.requestId = requestId;
    return page;
  }

  /** Every group matching the query, page after page. */
  listAll(
    query: Omit<AddressGroupListQuery, 'marker'> = {},
    options: RequestOptions = {},
  ): AsyncGenerator<AddressGroup> {
    return allPages(async (marker) => {
      const page = await this.listPage({ ...query, ...(marker ? { marker } : {}) }, options);
      return { items: page.addressGroups, cursor: page.nextMarker };
    });
  }

  async get(id: string, options: RequestOptions = {}): Promise<AddressGroup> {
    return groupOf(await this.send<AddressGroupResponse>({ method: 'GET', path: this.path(id) }, options));
  }

  /** PUT of the fields to change: 200 with the group as it now is. */
  async update(id: string, changes: AddressGroupUpdate, options: RequestOptions = {}): Promise<Updated<AddressGroup>> {
    const response = await this.send<AddressGroupResponse>(
      { method: 'PUT', path: this.path(id), body: { address_group: changes } },
      options,
    );
    return { resource: groupOf(response), requestId: response.requestId ?? response.body?.request_id };
  }

  /**
   * The same PUT with `dry_run`: the service checks it (202) and changes nothing. Any other success is an
   * unexpected answer (see `dryRunGroupUpdate` in apply.ts, which finds out whether the change was made anyway).
   */
  async checkUpdate(id: string, changes: AddressGroupUpdate, options: RequestOptions = {}): Promise<CheckedOnServer> {
    const response = await this.send<AddressGroupResponse>(
      { method: 'PUT', path: this.path(id), body: { dry_run: true, address_group: changes } },
      options,
    );
    if (response.status !== 202) {
      const group = isRecord(response.body) ? response.body.address_group : undefined;
      throw unexpectedAnswer(
        response,
        isAddressGroup(group)
          ? `the service answered with address group ${group.id} as an update answers, although dry_run was true`
          : 'a dry run is answered with 202',
      );
    }
    return { checkedOnly: true, requestId: response.requestId ?? response.body?.request_id };
  }

  /** 204. A group already gone is not an error; a group in use fails with VPC.9907 (see `forceDelete`). */
  async delete(id: string, options: RequestOptions = {}): Promise<{ alreadyGone: boolean }> {
    return { alreadyGone: (await this.deleteAt(this.path(id), options)).alreadyGone };
  }

  /** Deletes the group and the security-group and ACL rules that use it. */
  async forceDelete(id: string, options: RequestOptions = {}): Promise<{ alreadyGone: boolean }> {
    return { alreadyGone: (await this.deleteAt(this.path(id, 'force'), options)).alreadyGone };
  }

  /** What uses each group (security-group and ACL rules). */
  async dependencies(ids: string[], options: RequestOptions = {}): Promise<AddressGroupDependency[]> {
    const path = buildPath('v3', this.projectId, 'vpc', 'list-address-groups-dependency');
    const response = await this.send<unknown>({ method: 'GET', path, query: { id: ids } }, options);
    const groups = isRecord(response.body) ? response.body.address_groups : undefined;
    const wellFormed =
      Array.isArray(groups) &&
      groups.every(
        (group) =>
          isRecord(group) &&
          isString(group.id) &&
          Array.isArray(group.dependency) &&
          group.dependency.every(
            (dependency) => isRecord(dependency) && isString(dependency.type) && isString(dependency.instance_id),
          ),
      );
    if (!wellFormed) throw unexpectedAnswer(response, 'no address_groups with their dependency lists in it');
    return groups as AddressGroupDependency[];
  }
}
