// An emulator on 127.0.0.1 with a clock the test moves, and raw signed requests to it: for the emulator's own
// tests, which send what the extension's client never would.
import { signRequest, type SigningKey } from '../../src/core/cloud/signer';
import { DEFAULT_CREDENTIALS, Emulator, type EmulatorOptions } from '../../src/emulator/server';
import { projectIdFor } from '../../src/emulator/store';

export const PROJECT = projectIdFor('cn-north-4');

export interface RawOptions {
  readonly body?: string;
  /** Sent as they are; Content-Type defaults to application/json. */
  readonly headers?: Record<string, string>;
  readonly unsigned?: boolean;
  readonly key?: SigningKey;
}

export interface RawAnswer {
  readonly status: number;
  /** The answer's JSON body (every answer of the emulator is JSON), undefined when empty. */
  readonly json: Record<string, unknown> | undefined;
  readonly headers: Headers;
}

export class EmulatorHarness {
  /** Milliseconds since the epoch, as the emulator sees them: tests move it instead of waiting. */
  clock = Date.parse('2026-11-23T10:00:00Z');
  readonly emulator: Emulator;

  constructor(options: Omit<EmulatorOptions, 'now'> = {}) {
    this.emulator = new Emulator({ ...options, now: () => this.clock });
  }

  async start(): Promise<this> {
    await this.emulator.listen();
    return this;
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  /** A request signed with the default credentials (unless `unsigned`), at the emulator's time. */
  async raw(method: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
    const url = `${this.emulator.url}${path}`;
    const headers = { 'Content-Type': 'application/json', ...options.headers };
    const sent = options.unsigned
      ? headers
      : signRequest(
          { method, url, headers, body: options.body },
          options.key ?? DEFAULT_CREDENTIALS,
          new Date(this.clock),
        );
    const response = await fetch(url, {
      method,
      headers: sent,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      headers: response.headers,
    };
  }

  /** Creates a network from a display name and CIDR; returns its ID. */
  async createNetwork(name: string, cidr = '192.168.0.0/16'): Promise<string> {
    const answer = await this.raw('POST', `/v1/${PROJECT}/networks`, {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Network',
        metadata: { labels: { 'os.modelarts/name': name } },
        spec: { cidr },
      }),
    });
    if (answer.status !== 200) throw new Error(`create ${name}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return String((answer.json?.metadata as { name: string }).name);
  }

  /** Creates an address group named `g` with one entry (or as `group` says); returns its ID. */
  async createGroup(group: Record<string, unknown> = {}): Promise<string> {
    const answer = await this.raw('POST', `/v3/${PROJECT}/vpc/address-groups`, {
      body: JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.1'], ...group } }),
    });
    if (answer.status !== 201) throw new Error(`create group: ${answer.status} ${JSON.stringify(answer.json)}`);
    return (answer.json?.address_group as { id: string }).id;
  }

  /** A merge patch of a network, as the client sends it. */
  patchNetwork(id: string, body: string): Promise<RawAnswer> {
    return this.raw('PATCH', `/v1/${PROJECT}/networks/${id}`, {
      body,
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
  }
}
