// A resource as its service answers it, written as the document that would create it (Edit as Document, the live
// side of Compare with Live, a diff's "before"), after a check of exactly the fields that are read: a live answer
// passed the API's shape check (an ID, a name) but nothing more is guaranteed. Small and pure on purpose: the table
// of kinds (../kinds.ts) names these functions, and it is read at activation.
import * as l10n from '@vscode/l10n';
import type { AddressGroup, AddressGroupDocument, AddressGroupOptions, IpExtraSetEntry } from './addressGroups';
import { HuaweiCloudError } from '../cloud/errors';
import { DESCRIPTION_ANNOTATION, NAME_LABEL, WORKSPACE_LABEL } from './networkIds';
import type { Network, NetworkDocument, PeerConnection, SfsTurboConnection } from './networks';
import { isRecord, isString } from '../values';

// ---- what is read of a live resource, checked ----

/** What a field of a live answer must be, for people, and the check. */
interface FieldShape {
  readonly wanted: string;
  readonly accepts: (value: unknown) => boolean;
}
const TEXT: FieldShape = { wanted: 'text', accepts: isString };
const FLAG: FieldShape = { wanted: 'true or false', accepts: (value) => typeof value === 'boolean' };
const NUMBER: FieldShape = {
  wanted: 'a number',
  accepts: (value) => typeof value === 'number' && Number.isFinite(value),
};
const OBJECT: FieldShape = { wanted: 'an object', accepts: isRecord };
const LIST: FieldShape = { wanted: 'a list', accepts: Array.isArray };
const IP_VERSION: FieldShape = { wanted: '4 or 6', accepts: (value) => value === 4 || value === 6 };

function kindOfValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** An optional field: absent and null are the same (both APIs write either). */
const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/**
 * Checks the fields of one live resource against the API's shapes, and throws — naming the first field that is not
 * as the API has it (`spec.connection.peerConnectionList[0].peerVpcId`) — before anything trusts them. The diff
 * reads exactly these fields: a list that is an object, a null item or an ID nested thousands deep would otherwise
 * end as a TypeError or a RangeError halfway through a comparison. Only what is checked is read, so nothing is deep.
 */
class LiveShapeCheck {
  constructor(private readonly what: string) {}

  /** `value`, found at `path`, must be `shape` (or, when optional, absent or null); returns whether it is there. */
  field(value: unknown, path: string, shape: FieldShape, optional = false): boolean {
    if (shape.accepts(value)) return true;
    if (optional && !given(value)) return false;
    throw new HuaweiCloudError(
      l10n.t(
        'the live {0} is malformed, so it cannot be written as a document or compared with one: its {1} is {2}, where the API has {3}',
        this.what,
        path,
        kindOfValue(value),
        shape.wanted,
      ),
      { kind: 'unexpected' },
    );
  }

  /** An optional list whose items are each checked by `item`. */
  list(value: unknown, path: string, item: (value: unknown, path: string) => void): void {
    if (this.field(value, path, LIST, true)) {
      (value as unknown[]).forEach((element, index) => item(element, `${path}[${index}]`));
    }
  }

  /** An optional object's fields, checked by `fields` (given the object, or {} when absent). */
  object(value: unknown, path: string, fields: (record: Record<string, unknown>) => void, optional = true): void {
    fields(this.field(value, path, OBJECT, optional) ? (value as Record<string, unknown>) : {});
  }
}

const label = (path: string, key: string) => `${path}[${JSON.stringify(key)}]`;

export function checkLiveNetwork(network: Network): void {
  const live = network as unknown as Record<string, unknown>;
  const id = isRecord(live.metadata) && isString(live.metadata.name) ? ` ${live.metadata.name}` : '';
  const check = new LiveShapeCheck(`network${id}`);
  check.object(
    live.metadata,
    'metadata',
    (metadata) => {
      check.object(metadata.labels, 'metadata.labels', (labels) => {
        check.field(labels[NAME_LABEL], label('metadata.labels', NAME_LABEL), TEXT);
        check.field(labels[WORKSPACE_LABEL], label('metadata.labels', WORKSPACE_LABEL), TEXT, true);
      });
      check.object(metadata.annotations, 'metadata.annotations', (annotations) => {
        check.field(
          annotations[DESCRIPTION_ANNOTATION],
          label('metadata.annotations', DESCRIPTION_ANNOTATION),
          TEXT,
          true,
        );
      });
    },
    false,
  );
  check.object(
    live.spec,
    'spec',
    (spec) => {
      check.field(spec.cidr, 'spec.cidr', TEXT);
      check.field(spec.ipv6enable, 'spec.ipv6enable', FLAG, true);
      check.object(spec.connection, 'spec.connection', (connection) => {
        check.list(connection.peerConnectionList, 'spec.connection.peerConnectionList', (peer, path) =>
          check.object(
            peer,
            path,
            (fields) => {
              check.field(fields.peerVpcId, `${path}.peerVpcId`, TEXT);
              check.field(fields.peerSubnetId, `${path}.peerSubnetId`, TEXT);
              check.field(fields.defaultGateWay, `${path}.defaultGateWay`, FLAG, true);
            },
            false,
          ),
        );
        check.list(connection.sfsTurboConnectionList, 'spec.connection.sfsTurboConnectionList', (link, path) =>
          check.object(
            link,
            path,
            (fields) => {
              check.field(fields.sfsId, `${path}.sfsId`, TEXT);
              check.field(fields.name, `${path}.name`, TEXT);
            },
            false,
          ),
        );
      });
    },
    false,
  );
}

export function checkLiveGroup(group: AddressGroup): void {
  const live = group as unknown as Record<string, unknown>;
  const check = new LiveShapeCheck(`address group${isString(live.id) ? ` ${live.id}` : ''}`);
  check.field(live.name, 'name', TEXT);
  check.field(live.description, 'description', TEXT, true);
  check.field(live.ip_version, 'ip_version', IP_VERSION);
  check.field(live.max_capacity, 'max_capacity', NUMBER, true);
  check.list(live.ip_set, 'ip_set', (ip, path) => check.field(ip, path, TEXT));
  check.list(live.ip_extra_set, 'ip_extra_set', (entry, path) =>
    check.object(
      entry,
      path,
      (fields) => {
        check.field(fields.ip, `${path}.ip`, TEXT);
        check.field(fields.remarks, `${path}.remarks`, TEXT, true);
      },
      false,
    ),
  );
  check.field(live.enterprise_project_id, 'enterprise_project_id', TEXT, true);
}

// ---- live resources as documents ----

export const peerAsWritten = (peer: PeerConnection): PeerConnection => ({
  peerVpcId: peer.peerVpcId,
  peerSubnetId: peer.peerSubnetId,
  ...(given(peer.defaultGateWay) ? { defaultGateWay: peer.defaultGateWay } : {}),
});
export const sfsAsWritten = (link: SfsTurboConnection): SfsTurboConnection => ({ sfsId: link.sfsId, name: link.name });

/**
 * A live network as a document: what a create body holds, plus the description annotation and SFS Turbo links,
 * which only an update can set (checkDocument accepts them in a linked document). Server-only fields (the ID in
 * metadata.name, timestamps, status) and labels the schema does not know are left out.
 */
export function networkAsDocument(network: Network): NetworkDocument {
  checkLiveNetwork(network);
  const labels = network.metadata.labels ?? {};
  const description = network.metadata.annotations?.[DESCRIPTION_ANNOTATION];
  const peers = network.spec.connection?.peerConnectionList ?? [];
  const sfs = network.spec.connection?.sfsTurboConnectionList ?? [];
  const connection = {
    ...(peers.length > 0 ? { peerConnectionList: peers.map(peerAsWritten) } : {}),
    ...(sfs.length > 0 ? { sfsTurboConnectionList: sfs.map(sfsAsWritten) } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: {
      labels: {
        [NAME_LABEL]: labels[NAME_LABEL],
        ...(given(labels[WORKSPACE_LABEL]) ? { [WORKSPACE_LABEL]: labels[WORKSPACE_LABEL] } : {}),
      },
      ...(description ? { annotations: { [DESCRIPTION_ANNOTATION]: description } } : {}),
    },
    spec: {
      cidr: network.spec.cidr,
      ...(given(network.spec.ipv6enable) ? { ipv6enable: network.spec.ipv6enable } : {}),
      ...(Object.keys(connection).length > 0 ? { connection } : {}),
    },
  };
}

const hasRemark = (entry: IpExtraSetEntry): entry is IpExtraSetEntry & { remarks: string } =>
  typeof entry.remarks === 'string' && entry.remarks !== '';

/**
 * A group's entries with their remarks, whichever list carries them. A live group answers with both ip_set and
 * ip_extra_set mirroring it; the latter carries the remarks, so it is read when it holds anything. A remark that
 * is null or '' is no remark: the entry has no `remarks` key.
 */
export function entriesWithRemarks(group: Pick<AddressGroupOptions, 'ip_set' | 'ip_extra_set'>): IpExtraSetEntry[] {
  const extra = Array.isArray(group.ip_extra_set) ? group.ip_extra_set : [];
  if (extra.length > 0 || !Array.isArray(group.ip_set)) {
    return extra.map((entry) => (hasRemark(entry) ? { ip: entry.ip, remarks: entry.remarks } : { ip: entry.ip }));
  }
  return group.ip_set.map((ip) => ({ ip }));
}

export interface AddressGroupAsDocumentOptions {
  /**
   * Which list to write the entries in. By default ip_extra_set when any entry has a remark (ip_set would lose it),
   * else ip_set. Compare passes the list the document uses, so that the two sides line up.
   */
  readonly entriesAs?: 'ip_set' | 'ip_extra_set';
}

/**
 * A live group as a create document: name, description, IP version, capacity, enterprise project and entries.
 * Server-only fields (id, status, timestamps, tenant_id, tags) are left out, and so is the mirrored list.
 */
export function addressGroupAsDocument(
  group: AddressGroup,
  options: AddressGroupAsDocumentOptions = {},
): AddressGroupDocument {
  checkLiveGroup(group);
  const entries = entriesWithRemarks(group);
  const entriesAs = options.entriesAs ?? (entries.some(hasRemark) ? 'ip_extra_set' : 'ip_set');
  return {
    address_group: {
      name: group.name,
      ...(group.description ? { description: group.description } : {}),
      ip_version: group.ip_version,
      ...(given(group.max_capacity) ? { max_capacity: group.max_capacity } : {}),
      ...(entriesAs === 'ip_extra_set' ? { ip_extra_set: entries } : { ip_set: entries.map((entry) => entry.ip) }),
      ...(given(group.enterprise_project_id) ? { enterprise_project_id: group.enterprise_project_id } : {}),
    },
  };
}

/**
 * How a document lays out a group's entries, when it says: in `ip_extra_set` when it has that list (so that a live
 * group written like it lines up with it), else as the group itself calls for.
 */
export function entriesListOf(document: unknown): AddressGroupAsDocumentOptions {
  return isRecord(document) && isRecord(document.address_group) && Object.hasOwn(document.address_group, 'ip_extra_set')
    ? { entriesAs: 'ip_extra_set' }
    : {};
}
