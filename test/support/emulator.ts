// The emulator the unit tests run against: on 127.0.0.1, in this process, with a clock the test moves (or the real
// one), every API request counted as it arrives, and the extension's own client for the default project, signed at
// the emulator's time. `withEmulator()` gives one to the tests of a describe; `startEmulator()` one a test starts and
// closes itself (across a restart on a state file, say).
import { after, before, beforeEach } from 'node:test';
import { AddressGroupsApi } from '../../src/core/api/addressGroups';
import { NetworksApi } from '../../src/core/api/networks';
import { HttpClient, type HttpClientOptions } from '../../src/core/cloud/http';
import type { LostCreateSearch } from '../../src/core/cloud/requests';
import { signRequest, type SigningKey } from '../../src/core/cloud/signer';
import type { Faults, RouteName } from '../../src/emulator/faults';
import type { AcceptedKey } from '../../src/emulator/gateway';
import { DEFAULT_CREDENTIALS, Emulator, type EmulatorOptions } from '../../src/emulator/server';
import { projectIdFor, type Store } from '../../src/emulator/store';

/** The project of cn-north-4, the emulator's default region. */
export const PROJECT = projectIdFor('cn-north-4');

/** One attempt: a test says when a request is repeated. */
const ONE_ATTEMPT = { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 };

export interface TestEmulatorOptions extends Omit<EmulatorOptions, 'credentials' | 'now' | 'onApiRequest'> {
  /** The one key the emulator accepts, and the clients and raw requests sign with; default the well-known key. */
  readonly key?: AcceptedKey;
  /**
   * The real clock for the emulator and the clients, instead of one the test moves: for suites that measure real
   * waits, and for clients the test does not build (a connection's).
   */
  readonly realTime?: boolean;
  /** Options of the clients (`http`, `client()`); default one attempt. */
  readonly client?: Partial<HttpClientOptions>;
  readonly lostCreateSearch?: LostCreateSearch;
  /** withEmulator only: keep the store and the faults from one test to the next (a fixture seeded once). */
  readonly keepState?: boolean;
}

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

/** A request as the emulator received it: its route and when it arrived (ms, monotonic). */
export interface Arrival {
  readonly route: RouteName;
  readonly at: number;
}

export interface EmulatorClient {
  readonly http: HttpClient;
  readonly networks: NetworksApi;
  readonly groups: AddressGroupsApi;
}

export class TestEmulator {
  /** Milliseconds since the epoch, as the emulator and the clients see them (unless `realTime`): move it, not wait. */
  clock = Date.parse('2026-11-23T10:00:00Z');
  readonly arrivals: Arrival[] = [];
  private started: { emulator: Emulator; client: EmulatorClient } | undefined;

  constructor(private readonly options: TestEmulatorOptions = {}) {}

  async start(): Promise<this> {
    const {
      key,
      realTime,
      client: _client,
      lostCreateSearch: _search,
      keepState: _keep,
      ...emulatorOptions
    } = this.options;
    const emulator = new Emulator({
      ...emulatorOptions,
      ...(key === undefined ? {} : { credentials: [key] }),
      ...(realTime ? {} : { now: () => this.clock }),
      onApiRequest: (route) => this.arrivals.push({ route, at: performance.now() }),
    });
    await emulator.listen();
    this.started = { emulator, client: this.clientOf(emulator.url) };
    return this;
  }

  close(): Promise<void> {
    return this.started?.emulator.close() ?? Promise.resolve();
  }

  get emulator(): Emulator {
    if (!this.started) throw new Error('the emulator is not started yet: use it inside a test or a hook');
    return this.started.emulator;
  }

  get url(): string {
    return this.emulator.url;
  }

  get store(): Store {
    return this.emulator.store;
  }

  /** The extension's client for the default project. */
  get http(): HttpClient {
    return this.defaultClient.http;
  }

  get networks(): NetworksApi {
    return this.defaultClient.networks;
  }

  get groups(): AddressGroupsApi {
    return this.defaultClient.groups;
  }

  /** Another client for the default project: `options` override the fixture's, `search` its lost-create search. */
  client(options: Partial<HttpClientOptions> = {}, search = this.options.lostCreateSearch): EmulatorClient {
    return this.clientOf(this.url, options, search);
  }

  faults(faults: Faults): void {
    this.emulator.faults.configure(faults);
  }

  /** An empty emulator without faults, as POST /__emulator/reset leaves it. */
  reset(): void {
    this.store.reset();
    this.emulator.faults.configure({});
  }

  /** Requests received since `from` (an index into `arrivals`), of one route or of any. */
  received(route?: RouteName, from = 0): Arrival[] {
    return this.arrivals.slice(from).filter((arrival) => route === undefined || arrival.route === route);
  }

  /** A request signed with the fixture's key (unless `unsigned`), at the emulator's time. */
  async raw(method: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
    const url = `${this.url}${path}`;
    const headers = { 'Content-Type': 'application/json', ...options.headers };
    const sent = options.unsigned
      ? headers
      : signRequest({ method, url, headers, body: options.body }, options.key ?? this.key, this.now());
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

  private get key(): SigningKey {
    return this.options.key ?? DEFAULT_CREDENTIALS;
  }

  private now(): Date {
    return this.options.realTime ? new Date() : new Date(this.clock);
  }

  private get defaultClient(): EmulatorClient {
    if (!this.started) throw new Error('the emulator is not started yet: use it inside a test or a hook');
    return this.started.client;
  }

  private clientOf(url: string, options: Partial<HttpClientOptions> = {}, search = this.options.lostCreateSearch) {
    const http = new HttpClient({
      signingKey: async () => this.key,
      now: () => this.now(),
      retry: ONE_ATTEMPT,
      ...this.options.client,
      ...options,
    });
    const apiOptions = search === undefined ? {} : { lostCreateSearch: search };
    return {
      http,
      networks: new NetworksApi(http, url, PROJECT, apiOptions),
      groups: new AddressGroupsApi(http, url, PROJECT, apiOptions),
    };
  }
}

/** An emulator started now; the caller closes it. */
export function startEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  return new TestEmulator(options).start();
}

/**
 * The emulator of the tests of the enclosing describe: started before them, closed after them, and emptied (store
 * and faults) before each one unless `keepState`. Its fields can be read once the tests run.
 */
export function withEmulator(options: TestEmulatorOptions = {}): TestEmulator {
  const emulator = new TestEmulator(options);
  before(() => emulator.start());
  after(() => emulator.close());
  if (!options.keepState) beforeEach(() => emulator.reset());
  return emulator;
}
