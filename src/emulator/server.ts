// A local stand-in for ModelArts networks, VPC address groups and IAM's project lookup: the real paths, status
// codes, error codes and body shapes (../shared/api-notes.md), SDK-HMAC-SHA256 signatures checked as the API
// gateway does, the documents checked by the very module the editor uses, and faults to inject for tests.
//
// This file holds the server's lifecycle and the route table; the pipeline before a handler is the gateway
// (gateway.ts), the unsigned /__emulator/ routes are control.ts, and each service's handlers are in services/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EMULATOR_CREDENTIALS } from '../core/cloud/emulatorDefaults';
import { controlRoutes } from './control';
import { type Faults, FaultInjector, type RouteName } from './faults';
import { type AcceptedKey, answerUnreadable, createGateway } from './gateway';
import type { Route, ServiceContext } from './route';
import { iamRoutes } from './services/iam';
import { modelartsRoutes } from './services/modelarts';
import { vpcRoutes } from './services/vpc';
import { DEFAULT_DELAYS, type LifecycleDelays, Store } from './store';

export { MAX_SEED } from './control';
export { MAX_JSON_DEPTH } from './gateway';
export { mergePatch, networkPatchProblems } from './services/modelarts';

export const DEFAULT_CREDENTIALS = EMULATOR_CREDENTIALS;
export const DEFAULT_ADDRESS_GROUP_QUOTA = 50;

export interface EmulatorOptions {
  readonly port?: number;
  readonly credentials?: readonly AcceptedKey[];
  readonly delays?: Partial<LifecycleDelays>;
  readonly addressGroupQuota?: number;
  readonly stateFile?: string;
  readonly faults?: Faults;
  /** Milliseconds since the epoch; injectable so that tests move time instead of waiting. */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Told of every request to an API route as it arrives, before any fault applies: tests count and time them. */
  readonly onApiRequest?: (route: RouteName) => void;
  /**
   * Called with the Authorization header of every request to the APIs, before it is checked: the security tests
   * look for these values (signatures) wherever none may appear.
   */
  readonly onAuthorization?: (value: string) => void;
}

/**
 * Every API route, service by service. Where two routes share a path, their order here is the order of the Allow
 * header a wrong method is answered with.
 */
function routeTable(context: ServiceContext): Route[] {
  return [...iamRoutes(context), ...modelartsRoutes(context), ...vpcRoutes(context)];
}

export class Emulator {
  readonly store: Store;
  readonly faults: FaultInjector;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: EmulatorOptions = {}) {
    const now = options.now ?? Date.now;
    this.store = new Store({ ...DEFAULT_DELAYS, ...options.delays }, now, options.stateFile);
    this.faults = new FaultInjector(options.faults ?? {});
    const context: ServiceContext = {
      store: this.store,
      faults: this.faults,
      addressGroupQuota: options.addressGroupQuota ?? DEFAULT_ADDRESS_GROUP_QUOTA,
    };
    this.server = createServer(
      createGateway({
        routes: routeTable(context),
        control: controlRoutes(context),
        faults: this.faults,
        credentials: options.credentials ?? [DEFAULT_CREDENTIALS],
        now,
        log: options.log,
        onApiRequest: options.onApiRequest,
        onAuthorization: options.onAuthorization,
      }),
    );
    this.server.on('clientError', answerUnreadable);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 only. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      this.server.close(() => resolve());
    });
  }
}
