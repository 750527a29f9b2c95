// ModelArts: networks (create, list with label selectors and continue tokens, get, merge-patch update, delete) and
// workspaces (list). A network is checked by the document checker the editor uses, its findings answered in
// ModelArts' codes.
import { isRecord } from '../../core/values';
import { checkDocument } from '../../core/documents/checks';
import {
  DESCRIPTION_ANNOTATION,
  NAME_LABEL,
  type Network,
  type NetworkDocument,
  WORKSPACE_LABEL,
} from '../../core/api/networks';
import { ownValue, setOwn } from '../own';
import { errorReply, firstErrors, invalidDocument, parseJson, refusedBodyCode, repeatedKey } from '../replies';
import { type Call, HEX32, type Reply, type Route, type ServiceContext } from '../route';
import { type NetworkPosition, type NetworkRecord, positionOf, type WorkspaceRecord } from '../store';

export function modelartsRoutes(context: ServiceContext): Route[] {
  const networks = `^/v1/(?<project>${HEX32})/networks`;
  return [
    {
      name: 'networks.create',
      method: 'POST',
      pattern: new RegExp(`${networks}/?$`),
      service: 'modelarts',
      accepts: 'application/json',
      handle: (call) => createNetwork(context, call),
    },
    {
      name: 'networks.list',
      method: 'GET',
      pattern: new RegExp(`${networks}/?$`),
      service: 'modelarts',
      handle: (call) => listNetworks(context, call),
    },
    {
      name: 'networks.get',
      method: 'GET',
      pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
      service: 'modelarts',
      handle: (call) => getNetwork(context, call),
    },
    {
      name: 'networks.update',
      method: 'PATCH',
      pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
      service: 'modelarts',
      accepts: 'application/merge-patch+json',
      handle: (call) => updateNetwork(context, call),
    },
    {
      name: 'networks.delete',
      method: 'DELETE',
      pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
      service: 'modelarts',
      handle: (call) => deleteNetwork(context, call),
    },
    {
      name: 'workspaces.list',
      method: 'GET',
      pattern: new RegExp(`^/v1/(?<project>${HEX32})/workspaces/?$`),
      service: 'modelarts',
      handle: (call) => listWorkspaces(context, call),
    },
  ];
}

/** Applies an RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(ownValue(result, key), value));
  }
  return result;
}

/**
 * What is wrong with a merge patch of a network (the reference update page): only the description annotation,
 * the workspace label, `ipv6enable` (never back off) and the two connection lists may change; `null` may remove
 * only the description and the lists; every value has its type.
 */
export function networkPatchProblems(patch: unknown, current: Network): string[] {
  const problems: string[] = [];
  const shape = (value: unknown, where: string, allowed: Record<string, (v: unknown) => string | undefined>) => {
    if (value === undefined) return;
    if (!isRecord(value)) {
      problems.push(`${where} must be an object.`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const check = ownValue(allowed, key);
      if (!check) problems.push(`${where}.${key} cannot be changed; allowed: ${Object.keys(allowed).join(', ')}.`);
      else {
        const problem = check(item);
        if (problem) problems.push(`${where}.${key} ${problem}`);
      }
    }
  };
  const nested = (where: string, allowed: Record<string, (v: unknown) => string | undefined>) => (value: unknown) => {
    shape(value, where, allowed);
    return undefined;
  };
  const list = (fields: Record<string, 'string' | 'boolean?'>, example: string) => (value: unknown) => {
    if (value === null) return undefined;
    const ok =
      Array.isArray(value) &&
      value.every(
        (item) =>
          isRecord(item) &&
          Object.keys(item).every((key) => Object.hasOwn(fields, key)) &&
          Object.entries(fields).every(([key, type]) =>
            type === 'string'
              ? typeof item[key] === 'string' && item[key] !== ''
              : item[key] === undefined || typeof item[key] === 'boolean',
          ),
      );
    return ok ? undefined : `must be a list of ${example}, or null to remove it.`;
  };
  shape(patch, 'the patch', {
    metadata: nested('metadata', {
      annotations: nested('metadata.annotations', {
        [DESCRIPTION_ANNOTATION]: (v) =>
          v === null || (typeof v === 'string' && v.length <= 100 && !/[!<>=&"']/.test(v))
            ? undefined
            : 'must be a string of 0-100 characters without ! < > = & " \'.',
      }),
      labels: nested('metadata.labels', {
        [WORKSPACE_LABEL]: (v) =>
          typeof v === 'string' && v !== '' ? undefined : 'must be a workspace ID (a non-empty string).',
      }),
    }),
    spec: nested('spec', {
      ipv6enable: (v) =>
        typeof v !== 'boolean'
          ? 'must be true or false.'
          : v === false && current.spec.ipv6enable === true
            ? 'cannot be switched off once on.'
            : undefined,
      connection: nested('spec.connection', {
        peerConnectionList: list(
          { peerVpcId: 'string', peerSubnetId: 'string', defaultGateWay: 'boolean?' },
          '{peerVpcId, peerSubnetId, defaultGateWay?}',
        ),
        sfsTurboConnectionList: list({ sfsId: 'string', name: 'string' }, '{sfsId, name}'),
      }),
    }),
  });
  return problems;
}

function modelartsError(call: Call, status: number, code: string, message: string): Reply {
  return errorReply('modelarts', status, code, message, call.requestId);
}

function createNetwork(context: ServiceContext, call: Call): Reply {
  const project = call.params.project ?? '';
  const check = checkDocument(call.text, { kind: 'network' });
  if (!check.parsed) {
    return modelartsError(call, 400, 'ModelArts.50004000', 'The request body is not valid JSON.');
  }
  const errors = firstErrors(check.findings);
  if (errors.length > 0) return invalidDocument('modelarts', errors, call.requestId);
  const document = JSON.parse(call.text) as NetworkDocument;
  const { $schema: _schema, ...body } = document;
  const displayName = body.metadata.labels[NAME_LABEL];
  if (context.store.getNetwork(project, `${displayName}-${project}`)) {
    return modelartsError(
      call,
      400,
      'ModelArts.50004000',
      `A network named ${displayName} already exists in this project (its ID ${displayName}-${project} is taken).`,
    );
  }
  const record = context.store.createNetwork(project, body, context.faults.endsAbnormal(displayName));
  return { status: 200, body: context.store.viewNetwork(record) };
}

function listNetworks(context: ServiceContext, call: Call): Reply {
  const query = call.url.searchParams;
  const limitText = query.get('limit');
  // 0 (or none) means the default page, as Kubernetes-style lists do: an empty page would page forever.
  const limit = limitText === null ? 500 : /^\d{1,4}$/.test(limitText) ? Number(limitText) || 500 : NaN;
  if (!Number.isInteger(limit) || limit < 0 || limit > 500) {
    return modelartsError(
      call,
      400,
      'ModelArts.50004000',
      `limit must be an integer from 0 to 500, not "${limitText}".`,
    );
  }
  const filters: ((record: NetworkRecord) => boolean)[] = [];
  const workspace = query.get('workspaceId');
  if (workspace) filters.push((r) => (r.network.metadata.labels[WORKSPACE_LABEL] ?? '0') === workspace);
  const selector = query.get('labelSelector');
  if (selector) {
    // Kubernetes-style terms (the API's syntax is unconfirmed): `key=value`, `key!=value`, or `key` (has the label).
    const terms = selector.split(',').map((term) => /^\s*([^!=\s]+)\s*(?:(!=|==?)\s*(.*?))?\s*$/.exec(term));
    if (terms.some((term) => !term)) {
      return modelartsError(
        call,
        400,
        'ModelArts.50004000',
        `labelSelector "${selector}" is not key=value, key!=value or key terms joined by commas.`,
      );
    }
    filters.push((r) =>
      terms.every((term) => {
        const [, key = '', operator, value] = term as RegExpExecArray;
        const actual = ownValue(r.network.metadata.labels as unknown as Record<string, string>, key);
        return operator === undefined ? actual !== undefined : operator === '!=' ? actual !== value : actual === value;
      }),
    );
  }
  // The token names where the next page starts by creation time and ID, the order of the list: a page still
  // follows on when that network was deleted meanwhile.
  let from: NetworkPosition | undefined;
  const token = query.get('continue');
  if (token) {
    const match = /^(\d+):(.+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!match) {
      return modelartsError(
        call,
        400,
        'ModelArts.50004000',
        'The continue token is invalid: list again from the start.',
      );
    }
    from = { createdAtMs: Number(match[1]), id: match[2] ?? '' };
  }
  const page = context.store.pageNetworks(call.params.project ?? '', {
    from,
    limit,
    matches: filters.length === 0 ? undefined : (record) => filters.every((matches) => matches(record)),
  });
  const next = page.next && positionOf(page.next);
  return {
    status: 200,
    body: {
      kind: 'NetworkList',
      apiVersion: 'v1',
      metadata: {
        continue: next ? Buffer.from(`${next.createdAtMs}:${next.id}`).toString('base64url') : '',
        remainingItemCount: page.remaining,
      },
      items: page.items.map((r) => context.store.viewNetwork(r)),
    },
  };
}

function findNetwork(context: ServiceContext, call: Call): NetworkRecord | Reply {
  const record = context.store.getNetwork(call.params.project ?? '', call.params.id ?? '');
  return record ?? modelartsError(call, 404, 'ModelArts.50025001', 'Network not exist.');
}

function getNetwork(context: ServiceContext, call: Call): Reply {
  const record = findNetwork(context, call);
  return 'status' in record ? record : { status: 200, body: context.store.viewNetwork(record) };
}

function updateNetwork(context: ServiceContext, call: Call): Reply {
  const record = findNetwork(context, call);
  if ('status' in record) return record;
  const parsed = parseJson(call.text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return modelartsError(call, 400, 'ModelArts.50004000', 'The request body is not a JSON object.');
  }
  const repeated = repeatedKey(call.text, 'network');
  if (repeated) return invalidDocument('modelarts', [repeated], call.requestId);
  if (record.deletedAtMs !== undefined) {
    return modelartsError(call, 400, 'ModelArts.50004000', `Network ${record.network.metadata.name} is being deleted.`);
  }
  const problems = networkPatchProblems(parsed.value, record.network);
  if (problems.length > 0) return modelartsError(call, 400, 'ModelArts.50004000', problems.join(' '));
  const patch = parsed.value as Record<string, unknown>;
  const updated = mergePatch(record.network, patch) as Network;
  return { status: 200, body: context.store.viewNetwork(context.store.replaceNetwork(record, updated)) };
}

function deleteNetwork(context: ServiceContext, call: Call): Reply {
  const record = findNetwork(context, call);
  if ('status' in record) return record;
  return {
    status: 200,
    body: context.store.viewNetwork(context.store.deleteNetwork(call.params.project ?? '', record)),
  };
}

// ModelArts workspaces

/**
 * GET /v1/{project_id}/workspaces: `offset` (workspaces to skip), `limit` 1-1000 (default 1000), `sort_by` name,
 * update_time or status (default name), `order` asc or desc (default desc), `name` (contained, case ignored),
 * `enterprise_project_id`, `filter_accessible`. A value outside those is 400, never 500; a parameter given twice too.
 */
function listWorkspaces(context: ServiceContext, call: Call): Reply {
  const query = call.url.searchParams;
  const refuse = (message: string) => modelartsError(call, 400, refusedBodyCode('modelarts'), message);
  const names = ['offset', 'limit', 'sort_by', 'order', 'name', 'enterprise_project_id', 'filter_accessible'];
  const repeated = names.find((name) => query.getAll(name).length > 1);
  if (repeated) return refuse(`${repeated} is given ${query.getAll(repeated).length} times; give it once.`);
  const whole = (name: string, min: number, max: number, fallback: number): number | string => {
    const text = query.get(name);
    if (text === null) return fallback;
    const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    return value >= min && value <= max
      ? value
      : `${name} must be a whole number from ${min} to ${max}, not "${text}".`;
  };
  const offset = whole('offset', 0, 2_147_483_647, 0);
  if (typeof offset === 'string') return refuse(offset);
  const limit = whole('limit', 1, 1000, 1000);
  if (typeof limit === 'string') return refuse(limit);
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T | undefined => {
    const text = query.get(name);
    return text === null ? fallback : allowed.find((value) => value === text);
  };
  const sortBy = oneOf('sort_by', ['name', 'update_time', 'status'] as const, 'name');
  if (!sortBy) return refuse(`sort_by must be name, update_time or status, not "${query.get('sort_by') ?? ''}".`);
  const order = oneOf('order', ['asc', 'desc'] as const, 'desc');
  if (!order) return refuse(`order must be asc or desc, not "${query.get('order') ?? ''}".`);
  if (!oneOf('filter_accessible', ['true', 'false'] as const, 'false')) {
    return refuse(`filter_accessible must be true or false, not "${query.get('filter_accessible') ?? ''}".`);
  }
  const name = query.get('name');
  if (name !== null && !/^[\p{L}\p{N}_-]{1,64}$/u.test(name)) {
    return refuse('name must be 1-64 letters, digits, "-" or "_".');
  }
  const enterpriseProject = query.get('enterprise_project_id');
  if (enterpriseProject !== null && !/^(0|[A-Za-z0-9-]{36})$/.test(enterpriseProject)) {
    return refuse('enterprise_project_id must be 0 or an ID of 36 letters, digits and "-".');
  }

  const key = (workspace: WorkspaceRecord) =>
    sortBy === 'name' ? workspace.name : sortBy === 'status' ? workspace.status : workspace.update_time;
  const matching = context.store
    .listWorkspaces(call.params.project ?? '')
    .filter(
      (workspace) =>
        (name === null || workspace.name.toLowerCase().includes(name.toLowerCase())) &&
        (enterpriseProject === null || workspace.enterprise_project_id === enterpriseProject),
    )
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const compared = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return order === 'asc' ? compared : -compared;
    });
  const page = matching.slice(offset, offset + limit);
  return { status: 200, body: { total_count: matching.length, count: page.length, workspaces: page } };
}
