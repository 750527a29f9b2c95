// What a person is shown of a value from a server or a file: one helper escapes what would not show as itself
// (control characters, line separators, bidirectional controls, zero-width characters) and the syntaxes VS Code reads
// in plain text; and every place a live value reaches a person — Apply's confirmation, the tree, the status bar, the
// operations and link pickers, the live checks, the document checks, the hovers — shows it through that helper.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressGroup, AddressGroupDocument } from '../../../src/core/api/addressGroups';
import { quotedValue, shownCode, shownMarkdown, shownValue } from '../../../src/core/display';
import { checkDocument } from '../../../src/core/documents/checks';
import { describe as describeNode } from '../../../src/core/explorer/describe';
import type { DetailNode, ExplorerNode, ResourceNode } from '../../../src/core/explorer/nodes';
import { addressGroupChoice, addressGroupDetails, networkDetails } from '../../../src/core/explorer/resources';
import { hoverTextFor } from '../../../src/core/documents/hovers';
import { liveFindings } from '../../../src/core/live/liveChecks';
import {
  addressGroupAsDocument,
  applyConfirmation,
  diffAddressGroup,
  diffNetwork,
} from '../../../src/core/live/liveDocuments';
import type { Network, NetworkDocument } from '../../../src/core/api/networks';
import { operationChoice, statusBarView } from '../../../src/core/provisioning/statusBar';
import type { Operation } from '../../../src/core/provisioning/tracker';

const PROJECT = '86c13962597848eeb29c5861153a391f';

/** What must never reach a person raw: control, format, line and paragraph separator characters, lone surrogates. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** The syntaxes VS Code reads in plain text: a command link (notifications) and an icon (status bar, quick picks). */
const LINK = /\]\(/;
const ICON = /(?<!\\)\$\(/;

/** Live values written to pass for something else. */
const HOSTILE = {
  fakeBullet: 'team a\n• CIDR: 10.0.0.0/8 → 0.0.0.0/0',
  carriageReturn: 'net-a\rnet-b',
  escapeSequence: '\u001b[2K\u001b[1Avpc-1',
  bidiOverride: 'office\u202Eexe.fdp',
  zeroWidth: 'subnet\u200B-1',
  commandLink: '[Apply](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D)',
  icon: '$(check) verified',
};

/** Fails naming `where` when a line of Markdown holds a hidden character (its own line breaks separate lines). */
function assertMarkdownShown(markdown: string, where: string): void {
  for (const line of markdown.split('\n')) assert.doesNotMatch(line, HIDDEN, `${where}: ${JSON.stringify(line)}`);
}

/** Fails naming `where` when `text` holds a hidden character, a command link or an icon. */
function assertShown(text: string, where: string): void {
  assert.doesNotMatch(text, HIDDEN, `${where}: ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, LINK, `${where}: ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, ICON, `${where}: ${JSON.stringify(text)}`);
}

describe('shownValue: each class of character as an escape', () => {
  const cases: [string, string, string][] = [
    ['C0 controls', 'a\u0000b\u0007c\u001b[31md', 'a\\u0000b\\u0007c\\u001B[31md'],
    ['line feed, carriage return, tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['DEL', 'a\u007fb', 'a\\u007Fb'],
    ['C1 controls (NEL, CSI)', 'a\u0080b\u0085c\u009b2Jd\u009f', 'a\\u0080b\\u0085c\\u009B2Jd\\u009F'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    [
      'bidirectional embeddings and overrides',
      '\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee',
      '\\u202Aa\\u202Bb\\u202Cc\\u202Dd\\u202Ee',
    ],
    ['bidirectional isolates', '\u2066a\u2067b\u2068c\u2069', '\\u2066a\\u2067b\\u2068c\\u2069'],
    ['bidirectional marks', 'a\u200Eb\u200Fc\u061Cd', 'a\\u200Eb\\u200Fc\\u061Cd'],
    ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf', 'a\\u200Bb\\u200Cc\\u200Dd\\u2060e\\uFEFFf'],
    ['tag characters and lone surrogates', 'a\u{E0041}b\uD800c', 'a\\u{E0041}b\\uD800c'],
    ['a command link, for notifications', '[Retry](command:x?y)', '[Retry]\\(command:x?y)'],
    ['an icon, for the status bar and quick picks', 'cost $(zap) 5', 'cost \\$(zap) 5'],
  ];
  for (const [what, value, shown] of cases) {
    it(what, () => {
      assert.equal(shownValue(value), shown);
      assertShown(shownValue(value), what);
    });
  }

  it('leaves every other character as it is, a backslash too', () => {
    for (const text of [
      '10.0.0.0/24',
      'network-7a03',
      'Büro 東京 😀 مكتب',
      'C:\\Users\\a',
      'a b\u00A0c',
      'x]y(z $5 (a)',
    ]) {
      assert.equal(shownValue(text), text);
    }
  });

  it('escapes every control, format, separator and surrogate code point, and reads the same shown twice', () => {
    let hidden = 0;
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      if (!HIDDEN.test(character)) continue;
      hidden++;
      const shown = shownValue(`a${character}b`);
      assert.match(shown, /^a\\(n|r|t|u[0-9A-F]{4}|u\{[0-9A-F]{5,6}\})b$/, `U+${code.toString(16)}`);
      assert.equal(shownValue(shown), shown);
    }
    // C0, DEL, C1, the two separators, the surrogates and a few hundred format characters.
    assert.ok(hidden > 2_048 + 65 + 2, String(hidden));
    assert.equal(
      shownValue(shownValue(HOSTILE.icon + HOSTILE.commandLink)),
      shownValue(HOSTILE.icon + HOSTILE.commandLink),
    );
  });

  it('quotes as JSON does, and escapes what JSON.stringify leaves raw', () => {
    for (const text of ['plain', 'say "hi"', 'C:\\dir', 'a\nb\tc\u0001']) {
      assert.equal(quotedValue(text), JSON.stringify(text));
    }
    assert.equal(quotedValue(HOSTILE.bidiOverride), '"office\\u202Eexe.fdp"');
    assert.equal(JSON.stringify(HOSTILE.bidiOverride), `"${HOSTILE.bidiOverride}"`);
    assert.equal(quotedValue('a\u200Bb'), '"a\\u200Bb"');
  });

  it('in Markdown: no markup, no link, no icon, and hidden characters as escapes', () => {
    assert.equal(shownMarkdown('a_b*c[d](e)$(x)&amp;'), 'a\\_b\\*c\\[d\\]\\(e\\)\\$\\(x\\)\\&amp;');
    assert.equal(shownMarkdown('a\u202Eb\nc'), 'a\\\\u202Eb\\\\nc');
    assert.equal(shownCode('net-1'), '`net-1`');
    assert.equal(shownCode('a`b'), '``a`b``');
    assert.equal(shownCode('`a\u202E'), '`` `a\\u202E ``');
  });
});

/** A live network as the service answers it, its text fields as given. */
function liveNetwork(
  fields: {
    name?: string;
    description?: string;
    cidr?: string;
    peerVpcId?: string;
    peerSubnetId?: string;
    phase?: string;
  } = {},
): Network {
  return {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: {
      name: `net-a-${PROJECT}`,
      labels: { 'os.modelarts/name': fields.name ?? 'net-a', 'os.modelarts/workspace.id': '0' },
      annotations: { 'os.modelarts/description': fields.description ?? 'team a' },
      creationTimestamp: '2024-01-02T03:04:05Z',
    },
    spec: {
      cidr: fields.cidr ?? '192.168.0.0/16',
      connection: {
        peerConnectionList: [
          { peerVpcId: fields.peerVpcId ?? 'vpc-1', peerSubnetId: fields.peerSubnetId ?? 'subnet-1' },
        ],
        sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: fields.name ?? 'turbo' }],
      },
    },
    status: {
      phase: fields.phase ?? 'Active',
      connectionStatus: {
        peerConnectionStatus: [
          {
            peerVpcId: fields.peerVpcId ?? 'vpc-1',
            peerSubnetId: fields.peerSubnetId ?? 'subnet-1',
            phase: fields.phase ?? 'Active',
          },
        ],
      },
    },
  };
}

const hostileNetwork = () =>
  liveNetwork({
    name: HOSTILE.carriageReturn,
    description: HOSTILE.fakeBullet,
    cidr: `192.168.0.0/16${HOSTILE.bidiOverride}`,
    peerVpcId: HOSTILE.escapeSequence,
    peerSubnetId: `${HOSTILE.zeroWidth}${HOSTILE.commandLink}`,
    phase: `Active${HOSTILE.icon}\u2028Abnormal`,
  });

const hostileGroup = (): AddressGroup => ({
  id: `dd18a501-aaaa-bbbb-cccc-00000000000\u202E1`,
  name: HOSTILE.commandLink,
  description: HOSTILE.fakeBullet,
  ip_version: 4,
  max_capacity: 20,
  ip_set: ['10.0.0.1', `10.0.0.2${HOSTILE.zeroWidth}`],
  ip_extra_set: [
    { ip: '10.0.0.1', remarks: HOSTILE.bidiOverride },
    { ip: `10.0.0.2${HOSTILE.zeroWidth}`, remarks: HOSTILE.escapeSequence },
  ],
  enterprise_project_id: '0',
  status: `NORMAL\r${HOSTILE.icon}`,
  status_message: HOSTILE.fakeBullet,
  updated_at: '2024-01-02T03:04:05Z',
});

describe("Apply's confirmation with hostile live values", () => {
  it('a network: one line per change, every live value escaped', () => {
    const live = hostileNetwork();
    const document: NetworkDocument = {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'net-a' }, annotations: { 'os.modelarts/description': 'team b' } },
      spec: {
        cidr: '192.168.0.0/16',
        connection: { peerConnectionList: [{ peerVpcId: 'vpc-2', peerSubnetId: 'subnet-2' }] },
      },
    };
    const { changes } = diffNetwork(live, document);
    assert.equal(changes.length, 5, changes.map((change) => change.summary).join(' | '));
    const { message, detail } = applyConfirmation(
      { kind: 'network', name: HOSTILE.carriageReturn, id: `net-a-${PROJECT}` },
      { projectId: PROJECT, region: 'cn-north-4' },
      changes,
    );
    assertShown(message, 'message');
    assert.equal(message, 'Apply 5 changes to network net-a\\rnet-b?');
    const lines = detail.split('\n');
    // The changes, a blank line, where: no value adds a line.
    assert.equal(lines.length, changes.length + 2, detail);
    assert.deepEqual(
      lines.slice(0, changes.length).map((line) => line.startsWith('• ')),
      changes.map(() => true),
    );
    for (const line of lines) assertShown(line, 'detail');
    assert.ok(detail.includes('description: "team a\\n• CIDR: 10.0.0.0/8 → 0.0.0.0/0" → "team b"'), detail);
    assert.ok(detail.includes('CIDR: 192.168.0.0/16office\\u202Eexe.fdp → 192.168.0.0/16'), detail);
    assert.ok(detail.includes('remove \\u001B[2K\\u001B[1Avpc-1/subnet\\u200B-1[Apply]\\(command:'), detail);
    assert.equal(lines.at(-1), `net-a-${PROJECT} in project ${PROJECT} (cn-north-4).`);
  });

  it('an address group: entries, remarks, name and description escaped', () => {
    const live = hostileGroup();
    const document: AddressGroupDocument = {
      address_group: {
        name: 'office',
        description: 'egress',
        ip_version: 4,
        max_capacity: 20,
        ip_extra_set: [{ ip: '10.0.0.9' }],
        enterprise_project_id: '0',
      },
    };
    const { changes } = diffAddressGroup(live, document);
    const { message, detail } = applyConfirmation(
      { kind: 'addressGroup', name: live.name, id: live.id },
      { projectId: PROJECT, region: 'cn-north-4' },
      changes,
    );
    assertShown(message, 'message');
    const lines = detail.split('\n');
    assert.equal(lines.length, changes.length + 2, detail);
    for (const line of lines) assertShown(line, 'detail');
    assert.ok(detail.includes('10.0.0.1 (office\\u202Eexe.fdp)'), detail);
    assert.ok(detail.includes('10.0.0.2subnet\\u200B-1 (\\u001B[2K\\u001B[1Avpc-1)'), detail);
    assert.ok(detail.includes('name: "[Apply]\\(command:'), detail);
    assert.ok(lines.at(-1)?.startsWith('dd18a501-aaaa-bbbb-cccc-00000000000\\u202E1 in project'), detail);
  });

  it('the live side written as a document keeps the values as they are: only what is shown is escaped', () => {
    assert.deepEqual(addressGroupAsDocument(hostileGroup()).address_group.ip_extra_set?.[0], {
      ip: '10.0.0.1',
      remarks: HOSTILE.bidiOverride,
    });
  });
});

describe('the tree with hostile live values', () => {
  const base = { parentId: 'svc', pinned: false, degraded: undefined, malformed: false as const };
  const shownAll = (node: ExplorerNode, where: string) => {
    const look = describeNode(node);
    assertShown(look.label, `${where} label`);
    if (look.description !== undefined) assertShown(look.description, `${where} description`);
    if (look.tooltip !== undefined) assertMarkdownShown(look.tooltip, `${where} tooltip`);
  };
  const allDetails = (nodes: readonly DetailNode[]): DetailNode[] =>
    nodes.flatMap((node) => [node, ...allDetails(node.children)]);

  it('a network: its label, description, tooltip and details', () => {
    const node: ResourceNode<'network'> = { ...base, kind: 'network', id: 'svc/n', resource: hostileNetwork() };
    shownAll(node, 'network');
    assert.equal(describeNode(node).label, 'net-a\\rnet-b');
    const details = allDetails(networkDetails(node.resource, node.id));
    assert.ok(details.length > 5);
    for (const detail of details) shownAll(detail, `detail ${detail.id}`);
    // Tooltips are Markdown: a value is no link there either.
    assert.doesNotMatch(details.map((detail) => detail.tooltip ?? '').join('\n'), /[^\\]\]\(/);
  });

  it('an address group: its label, description, tooltip and details', () => {
    const node: ResourceNode<'addressGroup'> = { ...base, kind: 'addressGroup', id: 'svc/g', resource: hostileGroup() };
    shownAll(node, 'group');
    for (const detail of allDetails(addressGroupDetails(node.resource, node.id))) {
      shownAll(detail, `detail ${detail.id}`);
    }
  });

  it('a group offered by Link to Address Group…, even with entries the service sent as null', () => {
    const choice = addressGroupChoice(hostileGroup(), true);
    for (const [field, text] of Object.entries(choice)) assertShown(text, field);
    assert.ok(choice.detail.includes('10.0.0.1 (office\\u202Eexe.fdp)'), choice.detail);
    const broken = {
      ...hostileGroup(),
      ip_set: undefined,
      ip_extra_set: [null, { ip: '10.0.0.3' }],
    } as unknown as AddressGroup;
    assert.equal(addressGroupChoice(broken, false).detail, '10.0.0.3');
  });
});

describe('the status bar and the operations list with hostile live values', () => {
  const NOW = 1_700_000_000_000;
  const op = (more: Partial<Operation>): Operation => ({
    id: 'op-1',
    kind: 'create',
    resourceKind: 'network',
    resourceId: `x-${PROJECT}`,
    name: HOSTILE.carriageReturn,
    connectionKey: 'key',
    phase: `Creating${HOSTILE.icon}`,
    state: 'following',
    startedAt: NOW - 5_000,
    since: NOW - 5_000,
    acknowledged: false,
    paused: false,
    looks: 1,
    detail: HOSTILE.fakeBullet,
    requestId: `r-1${HOSTILE.bidiOverride}`,
    ...more,
  });

  it("the item's text and tooltip", () => {
    for (const operations of [
      [op({})],
      [op({ state: 'failed', settledAt: NOW - 1_000 })],
      [op({ state: 'succeeded', settledAt: NOW - 1_000 })],
      [op({}), op({ id: 'op-2' })],
    ]) {
      const view = statusBarView(operations, `cn-north-4${HOSTILE.zeroWidth}`, NOW);
      // The item's own icons stay; none comes from a value.
      assert.doesNotMatch(view.text, HIDDEN, view.text);
      assert.equal(view.text.match(/(?<!\\)\$\(/g)?.length, 1, view.text);
      assertMarkdownShown(view.tooltip, 'tooltip');
    }
    assert.equal(statusBarView([op({})], 'x', NOW).text, '$(sync~spin) net-a\\rnet-b: Creating\\$(check) verified');
  });

  it('an operation in the operations list', () => {
    const choice = operationChoice(op({ state: 'failed', settledAt: NOW - 1_000 }), NOW);
    assert.equal(choice.label, '$(error) net-a\\rnet-b');
    assertShown(choice.description, 'description');
    assertShown(choice.detail, 'detail');
    assert.ok(choice.detail.includes('team a\\n• CIDR'), choice.detail);
  });
});

describe('diagnostics and hovers with hostile values', () => {
  it('the live checks name live resources escaped', () => {
    const known = {
      identity: 'key',
      projectId: PROJECT,
      complete: true,
      networks: [
        {
          ...liveNetwork({ name: 'other', cidr: '10.0.0.0/16' }),
          metadata: {
            name: `other${HOSTILE.commandLink}`,
            labels: { 'os.modelarts/name': `other${HOSTILE.bidiOverride}` },
          },
        },
        liveNetwork({ name: 'net-a' }),
      ],
      addressGroups: [{ ...hostileGroup(), name: 'web' }],
    };
    const network = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'net-a' } },
      spec: { cidr: '10.0.0.0/24' },
    });
    const group = JSON.stringify({ address_group: { name: 'web', ip_version: 4, ip_set: [] } });
    const findings = [
      ...liveFindings(network, 'network', known as never),
      ...liveFindings(group, 'addressGroup', known as never, `linked${HOSTILE.fakeBullet}`),
    ];
    assert.equal(findings.length, 3, JSON.stringify(findings));
    for (const finding of findings) assertShown(finding.message, finding.rule);
  });

  it("the document checks show a document's own text escaped", () => {
    const text = `{"address_group": {"name": "g", "ip_version": 4, "ip_set": [${JSON.stringify(HOSTILE.fakeBullet)}], ${JSON.stringify(HOSTILE.bidiOverride)}: 1, "x\\u2028": 1, "x\\u2028": 2}}`;
    const messages = checkDocument(text, { kind: 'addressGroup', schema: true }).findings.map(
      (finding) => finding.message,
    );
    assert.ok(
      messages.some((message) => message.startsWith('team a\\n• CIDR')),
      messages.join(' | '),
    );
    assert.ok(
      messages.some((message) => message.includes('"office\\u202Eexe.fdp"')),
      messages.join(' | '),
    );
    assert.ok(
      messages.some((message) => message.startsWith('"x\\u2028" is given twice')),
      messages.join(' | '),
    );
    for (const message of messages) assertShown(message, 'document check');
  });

  it('a hover on a network name shows the name as text, never as Markdown', () => {
    const name = `[x](https://example.com)\u202E\`code\``;
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': name } },
      spec: { cidr: '10.0.0.0/16' },
    });
    const hover = hoverTextFor(text, 'x.network.json', text.indexOf('[x]'), PROJECT) ?? '';
    assert.doesNotMatch(hover, HIDDEN, hover);
    assert.ok(
      hover.startsWith("**\\[x\\]\\(https://example\\.com\\)\\\\u202E\\`code\\`**: the network's ID will be ``"),
      hover,
    );
  });
});
