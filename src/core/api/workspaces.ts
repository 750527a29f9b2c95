// ModelArts workspaces: GET /v1/{project_id}/workspaces ("Querying a Workspace List", 查询工作空间列表), what Select
// ModelArts Workspace offers. Networks are listed per workspace (their `os.modelarts/workspace.id` label); the
// default workspace, ID "0" and name "default", always exists.
//
// The reference pages call `offset` "the start page of the paging list" without saying whether it counts pages or
// items. It is sent here as the number of workspaces already read (the paging of ModelArts' other offset lists),
// with the largest page (1,000) so that an account's workspaces come in one page; a second page that holds nothing
// new, or fewer than `total_count` promised, ends the walk as incomplete rather than looping or guessing.
import * as l10n from '@vscode/l10n';
import { unexpectedAnswer } from '../cloud/answers';
import { isString } from '../values';
import { isRecord } from '../values';
import { HuaweiCloudError } from '../cloud/errors';
import type { HttpResponse } from '../cloud/http';
import { ProjectScopedApi, type RequestOptions } from '../cloud/requests';
import { buildPath } from '../cloud/pathSegments';
import { isWorkspaceId } from './workspaceIds';

export type WorkspaceStatus = 'NORMAL' | 'CREATE_FAILED' | 'DELETING' | 'DELETE_FAILED' | (string & {});

/** A workspace as this client reads it: the fields it checks and shows (the answer carries more). */
export interface Workspace {
  /** "0" for the default workspace; else 32 hexadecimal digits. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  readonly status?: WorkspaceStatus;
  /** Why the status is what it is (a failed deletion's reason); usually empty. */
  readonly status_info?: string;
  readonly enterprise_project_id?: string;
  readonly enterprise_project_name?: string;
  /** PUBLIC, PRIVATE or INTERNAL. */
  readonly auth_type?: string;
  /** Milliseconds since the epoch (UTC). */
  readonly create_time?: number;
  readonly update_time?: number;
}

export interface WorkspaceListQuery {
  /** Workspaces to skip (see the module's note); default 0. */
  readonly offset?: number;
  /** 1 to 1,000; the service's default is 1,000. */
  readonly limit?: number;
  readonly sortBy?: 'name' | 'update_time' | 'status';
  readonly order?: 'asc' | 'desc';
  /** Workspaces whose names contain this (the service matches loosely). */
  readonly name?: string;
  readonly enterpriseProjectId?: string;
}

export interface WorkspacePage {
  readonly workspaces: Workspace[];
  /** How many workspaces match in all, when the answer says. */
  readonly totalCount: number | undefined;
  readonly requestId: string | undefined;
}

/** Every workspace a walk through the pages read, and whether that is the whole list. */
export interface WorkspaceList {
  readonly workspaces: Workspace[];
  readonly totalCount: number | undefined;
  /** False when the walk stopped early: the page cap, a page of nothing new, or fewer than `total_count` promised. */
  readonly complete: boolean;
}

/** The largest page the API serves. */
export const MAX_WORKSPACE_PAGE_SIZE = 1_000;
/** Pages one walk reads at most: 10,000 workspaces at the largest page, far beyond any account's. */
export const MAX_WORKSPACE_PAGES = 10;
/** The API's names have 1-64 characters; a longer one is no workspace name (and would fill the pick). */
const MAX_NAME_LENGTH = 256;
/** `offset` is an int32 on the service. */
const MAX_OFFSET = 2_147_483_647;

const TEXT_FIELDS = [
  'description',
  'owner',
  'status',
  'status_info',
  'enterprise_project_id',
  'enterprise_project_name',
  'auth_type',
] as const;
const TIME_FIELDS = ['create_time', 'update_time'] as const;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The workspace at `where` of an answer, checked; or what is wrong with it, naming the field. The ID may come as a
 * number: the reference's own example answers the default workspace as `"id": 0`.
 */
function readWorkspace(value: unknown, where: string): Workspace | string {
  if (!isRecord(value)) return `${where} is not an object`;
  const rawId = value.id;
  const id = isCount(rawId) ? String(rawId) : rawId;
  if (!isString(id)) return `${where}.id is not text`;
  if (!isWorkspaceId(id)) {
    return `${where}.id ${JSON.stringify(id.slice(0, 80))} is not a workspace ID (1-64 letters, digits, "-" and "_")`;
  }
  if (!isString(value.name) || value.name === '') return `${where}.name is not a name`;
  if (value.name.length > MAX_NAME_LENGTH) {
    return `${where}.name has ${value.name.length} characters; a workspace name has at most 64`;
  }
  const workspace: Record<string, unknown> = { id, name: value.name };
  // Null is "not set" (the pages' examples write some fields as null); any other type is no answer of this API.
  for (const field of TEXT_FIELDS) {
    const text = value[field];
    if (text === undefined || text === null) continue;
    if (!isString(text)) return `${where}.${field} is not text`;
    workspace[field] = text;
  }
  for (const field of TIME_FIELDS) {
    const time = value[field];
    if (time === undefined || time === null) continue;
    if (typeof time !== 'number' || !Number.isFinite(time)) return `${where}.${field} is not a time in milliseconds`;
    workspace[field] = time;
  }
  return workspace as unknown as Workspace;
}

/** A query that is refused before anything is sent: what is wrong and what is allowed. */
function queryProblem(query: WorkspaceListQuery): string | undefined {
  const { limit, offset } = query;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_WORKSPACE_PAGE_SIZE)) {
    return `limit must be a whole number from 1 to ${MAX_WORKSPACE_PAGE_SIZE}, not ${String(limit)}`;
  }
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0 && offset <= MAX_OFFSET)) {
    return `offset must be a whole number from 0 to ${MAX_OFFSET}, not ${String(offset)}`;
  }
  if (query.name !== undefined && !/^[\p{L}\p{N}_-]{1,64}$/u.test(query.name)) {
    return 'a workspace name to look for has 1-64 letters, digits, "-" and "_"';
  }
  return undefined;
}

export class WorkspacesApi extends ProjectScopedApi {
  /**
   * One page of workspaces, every item checked: an answer that is not the API's (no `workspaces` list, an item
   * without an ID or a name, a field of the wrong type, more items than asked) is an error naming what is wrong.
   */
  async listPage(query: WorkspaceListQuery = {}, options: RequestOptions = {}): Promise<WorkspacePage> {
    const problem = queryProblem(query);
    if (problem) {
      throw new HuaweiCloudError(l10n.t('cannot list the ModelArts workspaces: {0}. Nothing was sent', problem), {
        kind: 'invalidRequest',
        notSent: true,
      });
    }
    const response = await this.send<unknown>(
      {
        method: 'GET',
        path: buildPath('v1', this.projectId, 'workspaces'),
        query: {
          offset: query.offset,
          limit: query.limit,
          sort_by: query.sortBy,
          order: query.order,
          name: query.name,
          enterprise_project_id: query.enterpriseProjectId,
        },
      },
      options,
    );
    return pageOf(response, query.limit ?? MAX_WORKSPACE_PAGE_SIZE);
  }

  /**
   * Every workspace, page after page (`pageSize` each, at most `maxPages`): bounded, cancellable through
   * `options.signal`, each request with the client's time-out. Workspaces are kept once each, by ID.
   */
  async listAll(
    query: Omit<WorkspaceListQuery, 'offset' | 'limit'> = {},
    options: RequestOptions = {},
    paging: { pageSize?: number; maxPages?: number } = {},
  ): Promise<WorkspaceList> {
    const pageSize = paging.pageSize ?? MAX_WORKSPACE_PAGE_SIZE;
    const maxPages = paging.maxPages ?? MAX_WORKSPACE_PAGES;
    const found = new Map<string, Workspace>();
    let totalCount: number | undefined;
    let offset = 0;
    const result = (complete: boolean): WorkspaceList => ({ workspaces: [...found.values()], totalCount, complete });
    for (let pages = 0; pages < maxPages; pages++) {
      const page = await this.listPage({ ...query, offset, limit: pageSize }, options);
      totalCount = page.totalCount ?? totalCount;
      const before = found.size;
      for (const workspace of page.workspaces) if (!found.has(workspace.id)) found.set(workspace.id, workspace);
      offset += page.workspaces.length;
      // A short page is the last one; it completes the list unless the total said there were more.
      if (page.workspaces.length < pageSize) return result(totalCount === undefined || found.size >= totalCount);
      if (totalCount !== undefined && offset >= totalCount) return result(found.size >= totalCount);
      // A full page of workspaces already read: the service does not count offset as this client does. Stop.
      if (found.size === before) return result(false);
    }
    return result(false);
  }
}

/** A list answer, checked; `limit` is how many items were asked for. */
function pageOf(response: HttpResponse<unknown>, limit: number): WorkspacePage {
  const body = response.body;
  if (!isRecord(body) || !Array.isArray(body.workspaces)) throw unexpectedAnswer(response, 'no workspaces list in it');
  const listed = body.workspaces as unknown[];
  if (listed.length > limit) {
    throw unexpectedAnswer(response, `it lists ${listed.length} workspaces where at most ${limit} were asked for`);
  }
  for (const field of ['total_count', 'count'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !isCount(value)) {
      throw unexpectedAnswer(response, `its ${field} is not a count`);
    }
  }
  const workspaces = listed.map((item, index) => {
    const read = readWorkspace(item, `workspaces[${index}]`);
    if (typeof read === 'string') throw unexpectedAnswer(response, read);
    return read;
  });
  const total = body.total_count;
  return {
    workspaces,
    totalCount: isCount(total) ? total : undefined,
    requestId: response.requestId ?? (isString(body.request_id) ? body.request_id : undefined),
  };
}
