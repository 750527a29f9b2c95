// What a service gives the gateway: its routes, each a pattern, a method, a name (faults and tests address routes by
// it), the media type of the body it reads and the handler; and what every handler may use (the service context).
import type { IncomingMessage } from 'node:http';
import type { FaultInjector, RouteName } from './faults';
import type { Store } from './store';

/** An answer before it is written: the gateway adds the request id and the Content-Type. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as a handler sees it, once the gateway has let it through. */
export interface Call {
  method: string;
  url: URL;
  /** The path parameters (`project`, `id`), percent-decoded. */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The body as UTF-8 text, at most 12 MB, nested no deeper than the gateway allows. */
  text: string;
  requestId: string;
}

/** The services whose error bodies the emulator answers in (each has its own shape), and the gateway's own. */
export type Service = 'modelarts' | 'vpc' | 'iam' | 'gateway';

export interface Route {
  readonly name: RouteName;
  readonly method: string;
  readonly pattern: RegExp;
  readonly service: Exclude<Service, 'gateway'>;
  /** The media type of the body this route reads; a body of another type is refused (415) before it is read. */
  readonly accepts?: 'application/json' | 'application/merge-patch+json';
  readonly handle: (call: Call) => Reply;
}

/** What the handlers share: state lives in the store, nothing in a service. */
export interface ServiceContext {
  readonly store: Store;
  readonly faults: FaultInjector;
  /** Address groups per project. */
  readonly addressGroupQuota: number;
}

/** A project ID in a path: 32 hex digits. */
export const HEX32 = '([0-9a-fA-F]{32})';
