// VPC address groups: create (with dry runs and the quota), list (markers and filters), get, update, delete (and
// force delete), and the list of what uses each group. A group is checked by the document checker the editor uses,
// its findings answered in VPC's codes.
import { isRecord } from '../../core/values';
import type { AddressGroup, AddressGroupDocument } from '../../core/api/addressGroups';
import { checkDocument, type Finding, MAX_ENTRIES } from '../../core/documents/checks';
import {
  errorReply,
  firstErrors,
  invalidDocument,
  parseJson,
  refusedBodyCode,
  REPEATED_KEY_RULE,
  repeatedKey,
} from '../replies';
import { type Call, HEX32, type Reply, type Route, type ServiceContext } from '../route';
import type { AddressGroupRecord } from '../store';

export function vpcRoutes(context: ServiceContext): Route[] {
  const groups = `^/v3/(?<project>${HEX32})/vpc/address-groups`;
  return [
    {
      name: 'addressGroups.create',
      method: 'POST',
      pattern: new RegExp(`${groups}/?$`),
      service: 'vpc',
      accepts: 'application/json',
      handle: (call) => createAddressGroup(context, call),
    },
    {
      name: 'addressGroups.list',
      method: 'GET',
      pattern: new RegExp(`${groups}/?$`),
      service: 'vpc',
      handle: (call) => listAddressGroups(context, call),
    },
    {
      name: 'addressGroups.get',
      method: 'GET',
      pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
      service: 'vpc',
      handle: (call) => getAddressGroup(context, call),
    },
    {
      name: 'addressGroups.update',
      method: 'PUT',
      pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
      service: 'vpc',
      accepts: 'application/json',
      handle: (call) => updateAddressGroup(context, call),
    },
    {
      name: 'addressGroups.delete',
      method: 'DELETE',
      pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
      service: 'vpc',
      handle: (call) => deleteAddressGroup(context, call, false),
    },
    {
      name: 'addressGroups.forceDelete',
      method: 'DELETE',
      pattern: new RegExp(`${groups}/(?<id>[^/]+)/force/?$`),
      service: 'vpc',
      handle: (call) => deleteAddressGroup(context, call, true),
    },
    {
      name: 'addressGroups.dependencies',
      method: 'GET',
      pattern: new RegExp(`^/v3/(?<project>${HEX32})/vpc/list-address-groups-dependency/?$`),
      service: 'vpc',
      handle: (call) => dependencies(context, call),
    },
  ];
}

function vpcError(call: Call, status: number, code: string, message: string): Reply {
  return errorReply('vpc', status, code, message, call.requestId);
}

/** The API's answer to a group that breaks the rules: ip_set problems are VPC.9901, too many entries VPC.9905. */
function checkGroup(call: Call, text: string, group: unknown): Reply | undefined {
  const errors = firstErrors(checkDocument(text, { kind: 'addressGroup' }).findings);
  if (errors.length === 0) return undefined;
  const repeated = errors.find((f) => f.rule === REPEATED_KEY_RULE);
  if (repeated) return invalidDocument('vpc', [repeated], call.requestId);
  // A capacity outside 0-20 is an invalid request, not a full group (however many entries come with it).
  const capacity = isRecord(group) ? group.max_capacity : undefined;
  if (
    capacity !== undefined &&
    !(Number.isInteger(capacity) && (capacity as number) >= 0 && (capacity as number) <= MAX_ENTRIES)
  ) {
    return vpcError(
      call,
      400,
      refusedBodyCode('vpc'),
      `Invalid max_capacity ${JSON.stringify(capacity)} in request body: an integer from 0 to ${MAX_ENTRIES}.`,
    );
  }
  const duplicate = errors.find((f) => f.rule === 'address-group.duplicate');
  if (duplicate) {
    return vpcError(call, 400, 'VPC.9901', `Duplicate ip_set in request body: ${duplicate.message}`);
  }
  const entry = errors.find(
    (f) =>
      f.rule === 'address-group.entry-syntax' ||
      f.rule === 'address-group.range-reversed' ||
      f.rule === 'address-group.family',
  );
  if (entry) {
    return vpcError(call, 400, 'VPC.9901', `Invalid ip_set parameter in request body: ${entry.message}`);
  }
  // More entries than the group may hold is the entry quota (the error-code page's 409), once nothing else is wrong.
  const overQuota = (f: Finding) => f.rule === 'address-group.capacity' || f.rule === 'schema.maxItems';
  if (errors.every(overQuota)) {
    return vpcError(
      call,
      409,
      'VPC.9905',
      `Quota exceeded for resources: ['address_group_contain_ipset']. ${errors[0]?.message ?? ''}`.trim(),
    );
  }
  return invalidDocument(
    'vpc',
    errors.filter((f) => !overQuota(f)),
    call.requestId,
  );
}

function createAddressGroup(context: ServiceContext, call: Call): Reply {
  const project = call.params.project ?? '';
  const parsed = parseJson(call.text);
  if (!parsed.ok) return vpcError(call, 400, refusedBodyCode('vpc'), 'The request body is not valid JSON.');
  const invalid = checkGroup(call, call.text, isRecord(parsed.value) ? parsed.value.address_group : undefined);
  if (invalid) return invalid;
  const document = parsed.value as AddressGroupDocument;
  if (context.store.countAddressGroups(project) >= context.addressGroupQuota) {
    return vpcError(call, 409, 'VPC.9905', "Quota exceeded for resources: 'address_group'.");
  }
  if (document.dry_run) return { status: 202, body: { request_id: call.requestId } };
  const record = context.store.createAddressGroup(project, document.address_group);
  return { status: 201, body: { address_group: context.store.viewAddressGroup(record), request_id: call.requestId } };
}

function listAddressGroups(context: ServiceContext, call: Call): Reply {
  const query = call.url.searchParams;
  const limitText = query.get('limit');
  const limit = limitText === null ? 2000 : /^\d{1,5}$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 0 || limit > 2000) {
    return vpcError(call, 400, 'VPC.9902', `limit must be an integer from 0 to 2000, not "${limitText}".`);
  }
  // Repeatable filters match any of their values; different filters all apply.
  const filters: ((record: AddressGroupRecord) => boolean)[] = [];
  const anyOf = (name: string, value: (group: AddressGroup) => string) => {
    const wanted = new Set(query.getAll(name));
    if (wanted.size > 0) filters.push(({ group }) => wanted.has(value(group)));
  };
  anyOf('id', (group) => group.id);
  anyOf('name', (group) => group.name);
  anyOf('description', (group) => group.description ?? '');
  const version = query.get('ip_version');
  if (version) filters.push(({ group }) => String(group.ip_version) === version);
  const enterpriseProject = query.get('enterprise_project_id');
  if (enterpriseProject) filters.push(({ group }) => group.enterprise_project_id === enterpriseProject);
  const marker = query.get('marker') || undefined;
  const page = context.store.pageAddressGroups(call.params.project ?? '', {
    marker,
    limit,
    matches: filters.length === 0 ? undefined : (record) => filters.every((matches) => matches(record)),
  });
  if (!page) {
    return vpcError(call, 400, 'VPC.9902', `marker ${marker ?? ''} is not an address group of this list.`);
  }
  const pageInfo: Record<string, unknown> = { current_count: page.items.length };
  if (page.items[0]) pageInfo.previous_marker = page.items[0].group.id;
  if (page.more) pageInfo.next_marker = page.items.at(-1)?.group.id;
  return {
    status: 200,
    body: {
      address_groups: page.items.map((r) => context.store.viewAddressGroup(r)),
      page_info: pageInfo,
      request_id: call.requestId,
    },
  };
}

function getAddressGroup(context: ServiceContext, call: Call): Reply {
  const record = context.store.getAddressGroup(call.params.project ?? '', call.params.id ?? '');
  if (!record) {
    return vpcError(call, 404, 'VPC.9904', `Address_group ${call.params.id ?? ''} could not be found.`);
  }
  return { status: 200, body: { address_group: context.store.viewAddressGroup(record), request_id: call.requestId } };
}

function updateAddressGroup(context: ServiceContext, call: Call): Reply {
  const project = call.params.project ?? '';
  const record = context.store.getAddressGroup(project, call.params.id ?? '');
  if (!record) {
    return vpcError(call, 404, 'VPC.9904', `Address_group ${call.params.id ?? ''} could not be found.`);
  }
  const refuse = (message: string) => vpcError(call, 400, refusedBodyCode('vpc'), message);
  const parsed = parseJson(call.text);
  const body = parsed.ok ? parsed.value : undefined;
  if (!isRecord(body) || !isRecord(body.address_group)) {
    return refuse('The request body must be {"dry_run"?, "address_group": {…}}.');
  }
  const unknown = Object.keys(body).filter((key) => key !== 'dry_run' && key !== 'address_group');
  if (unknown.length > 0) {
    return refuse(`${unknown.join(', ')}: not a field of this request; allowed: dry_run, address_group.`);
  }
  const repeated = repeatedKey(call.text, 'addressGroup');
  if (repeated) return invalidDocument('vpc', [repeated], call.requestId);
  if (body.dry_run !== undefined && typeof body.dry_run !== 'boolean') {
    return refuse('dry_run must be true or false.');
  }
  const changes = body.address_group;
  const changeable = ['name', 'description', 'ip_set', 'ip_extra_set', 'max_capacity'];
  const immutable = Object.keys(changes).filter((key) => !changeable.includes(key));
  if (immutable.length > 0) {
    return refuse(`${immutable.join(', ')} cannot be changed; allowed: ${changeable.join(', ')}.`);
  }
  if (context.store.viewAddressGroup(record).status === 'UPDATING') {
    return vpcError(
      call,
      409,
      'VPC.9902',
      `Address group ${record.group.id} is being updated (status UPDATING): try again in a moment.`,
    );
  }
  // The group as it would be, checked by the same rules as a new one (ip_version stays as it was).
  const {
    id: _id,
    tenant_id: _tenant,
    created_at: _c,
    updated_at: _u,
    status: _s,
    status_message: _m,
    tags: _t,
    ...current
  } = record.group;
  const entriesChanged = Object.hasOwn(changes, 'ip_set') || Object.hasOwn(changes, 'ip_extra_set');
  const candidate = {
    ...current,
    ...(entriesChanged ? { ip_set: undefined, ip_extra_set: undefined } : { ip_extra_set: undefined }),
    ...changes,
  };
  if (Object.hasOwn(changes, 'ip_set') && Object.hasOwn(changes, 'ip_extra_set')) {
    return refuse('ip_set and ip_extra_set cannot both be given: keep one of them.');
  }
  const invalid = checkGroup(call, JSON.stringify({ address_group: candidate }), candidate);
  if (invalid) return invalid;
  if (body.dry_run === true) return { status: 202, body: { request_id: call.requestId } };
  const updated = context.store.updateAddressGroup(record, changes as Partial<AddressGroup>);
  return { status: 200, body: { address_group: context.store.viewAddressGroup(updated), request_id: call.requestId } };
}

function deleteAddressGroup(context: ServiceContext, call: Call, force: boolean): Reply {
  const project = call.params.project ?? '';
  const id = call.params.id ?? '';
  if (!context.store.getAddressGroup(project, id)) {
    return vpcError(call, 404, 'VPC.9904', `Address_group ${id} could not be found.`);
  }
  if (!force && context.store.dependenciesOf(id).length > 0) {
    return vpcError(
      call,
      409,
      'VPC.9907',
      'The IP address group is used by a security group rule or a network ACL rule.',
    );
  }
  context.store.deleteAddressGroup(project, id);
  return { status: 204 };
}

function dependencies(context: ServiceContext, call: Call): Reply {
  const project = call.params.project ?? '';
  const ids = call.url.searchParams.getAll('id');
  const groups = (
    ids.length > 0
      ? ids.map((id) => context.store.getAddressGroup(project, id))
      : context.store.listAddressGroups(project)
  )
    .filter((record) => record !== undefined)
    .map(({ group }) => ({
      id: group.id,
      enterprise_project_id: group.enterprise_project_id ?? '0',
      dependency: context.store.dependenciesOf(group.id),
    }));
  return { status: 200, body: { address_groups: groups, request_id: call.requestId } };
}
