// VPC IP address groups: /v3/{project_id}/vpc/address-groups (with a hyphen). Types cover every field of the
// reference pages (create, list, get, update, delete, force delete) and the dependency query.
import { HuaweiCloudError } from './errors';
import type { HttpClient } from './http';
import { allPages, CLOCK_TOLERANCE_MS, type CreateResult, isAmbiguous, ProjectScopedApi, recoverLostCreate, type RequestOptions, withoutSchemaKey } from './requests';
import { buildPath } from './signer';
import { parseTimestamp } from './timestamps';

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


export class AddressGroupsApi extends ProjectScopedApi {
  constructor(http: HttpClient, endpoint: string, projectId: string, private readonly now: () => Date = () => new Date()) {
    super(http, endpoint, projectId);
  }

  private path(...rest: string[]): string {
    return buildPath('v3', this.projectId, 'vpc', 'address-groups', ...rest);
  }

  /**
   * Creates a group (201). When the answer is lost, lists the groups of that name: one of the same IP version and
   * entries, created since shortly before the request, is taken as created; otherwise throws with `createOutcome`
   * 'notCreated' or 'unknown'. Use `dryRun` to only check a document.
   */
  async create(document: AddressGroupDocument, options: RequestOptions = {}): Promise<CreateResult<AddressGroup>> {
    const body = { ...withoutSchemaKey(document), dry_run: undefined };
    const sentAt = this.now();
    try {
      const response = await this.send<AddressGroupResponse>({ method: 'POST', path: this.path(), body }, options);
      const group = response.body?.address_group;
      if (!group) throw new HuaweiCloudError('the answer to the create holds no address_group', { kind: 'http', status: response.status, requestId: response.requestId });
      return { resource: group, requestId: response.requestId ?? response.body?.request_id, recoveredAfterLostAnswer: false };
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      const wanted = document.address_group;
      const wantedEntries = entriesOf(wanted).join(',');
      return recoverLostCreate(error, `address group ${wanted.name}`, async () => {
        // Names are not unique: only a group of that name created since shortly before the request can be ours.
        const recent = (await this.collect({ name: [wanted.name] }, { signal: options.signal })).filter((group) => {
          const createdAt = parseTimestamp(group.created_at);
          return group.name === wanted.name && (createdAt === undefined || createdAt.getTime() >= sentAt.getTime() - CLOCK_TOLERANCE_MS);
        });
        const found = recent.find((group) => group.ip_version === wanted.ip_version && entriesOf(group).join(',') === wantedEntries);
        return found ? { found } : { lookalike: recent.length > 0 };
      });
    }
  }

  /** Checks a document on the server without creating anything (`dry_run`: 202 when it passes). */
  async dryRun(document: AddressGroupDocument, options: RequestOptions = {}): Promise<{ requestId: string | undefined }> {
    // Creates nothing, so it may be repeated like a GET.
    const body = { ...withoutSchemaKey(document), dry_run: true };
    const response = await this.send<{ request_id?: string }>({ method: 'POST', path: this.path(), body, idempotent: true }, options);
    return { requestId: response.requestId ?? response.body?.request_id };
  }

  async listPage(query: AddressGroupListQuery = {}, options: RequestOptions = {}): Promise<AddressGroupPage> {
    const response = await this.send<{ request_id?: string; address_groups?: AddressGroup[]; page_info?: { next_marker?: string } }>({
      method: 'GET', path: this.path(),
      query: {
        limit: query.limit, marker: query.marker, id: query.id, name: query.name, ip_version: query.ipVersion,
        description: query.description, enterprise_project_id: query.enterpriseProjectId,
      },
    }, options);
    const page: AddressGroupPage = { addressGroups: response.body?.address_groups ?? [] };
    const next = response.body?.page_info?.next_marker;
    if (next && page.addressGroups.length > 0) page.nextMarker = next;
    const requestId = response.requestId ?? response.body?.request_id;
    if (requestId) page.requestId = requestId;
    return page;
  }

  /** Every group matching the query, page after page. */
  listAll(query: Omit<AddressGroupListQuery, 'marker'> = {}, options: RequestOptions = {}): AsyncGenerator<AddressGroup> {
    return allPages(async (marker) => {
      const page = await this.listPage({ ...query, ...(marker ? { marker } : {}) }, options);
      return { items: page.addressGroups, cursor: page.nextMarker };
    });
  }

  private async collect(query: Omit<AddressGroupListQuery, 'marker'>, options: RequestOptions): Promise<AddressGroup[]> {
    const groups: AddressGroup[] = [];
    for await (const group of this.listAll(query, options)) groups.push(group);
    return groups;
  }

  async get(id: string, options: RequestOptions = {}): Promise<AddressGroup> {
    const response = await this.send<AddressGroupResponse>({ method: 'GET', path: this.path(id) }, options);
    if (!response.body?.address_group) throw new HuaweiCloudError('the answer holds no address_group', { kind: 'http', status: response.status, requestId: response.requestId });
    return response.body.address_group;
  }

  /** PUT: 200 with the group; with `dryRun`, 202 and nothing changed (then the result has no group). */
  async update(id: string, changes: AddressGroupUpdate, options: RequestOptions & { dryRun?: boolean } = {}): Promise<AddressGroup | undefined> {
    const { dryRun, ...requestOptions } = options;
    const body = { ...(dryRun ? { dry_run: true } : {}), address_group: changes };
    const response = await this.send<AddressGroupResponse>({ method: 'PUT', path: this.path(id), body }, requestOptions);
    return response.body?.address_group;
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
    const response = await this.send<{ address_groups?: AddressGroupDependency[] }>({ method: 'GET', path, query: { id: ids } }, options);
    return response.body?.address_groups ?? [];
  }
}
