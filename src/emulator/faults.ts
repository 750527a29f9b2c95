// Faults to inject, for tests of everything that must survive a bad network or a bad day of the service. Set
// from the command line or, while running, through PUT /__emulator/faults.

export type RouteName =
  | 'iam.projects'
  | 'networks.create'
  | 'networks.list'
  | 'networks.get'
  | 'networks.update'
  | 'networks.delete'
  | 'addressGroups.create'
  | 'addressGroups.list'
  | 'addressGroups.get'
  | 'addressGroups.update'
  | 'addressGroups.delete'
  | 'addressGroups.forceDelete'
  | 'addressGroups.dependencies'
  | 'workspaces.list';

/**
 * How an answer is spoiled: `truncated`, its JSON cut in half in a well-formed answer; `cut`, the Content-Length of
 * the whole answer but only half of it sent, then the connection closed; `stall`, the same half sent, then nothing
 * more until the client gives up; `html`, a proxy's 502 page; `html200`, a web page (a sign-in portal) with 200.
 */
export type MalformedKind = 'truncated' | 'cut' | 'stall' | 'html' | 'html200';
export const MALFORMED_KINDS: readonly MalformedKind[] = ['truncated', 'cut', 'stall', 'html', 'html200'];

/** A fault that fires on the next `count` requests, to one route or (without `route`) to any. */
interface Counted {
  count: number;
  route?: RouteName;
}

export interface Faults {
  /** Probability from 0 to 1 of a 500 answer, per route, or '*' for every route. */
  errorRate?: Partial<Record<RouteName | '*', number>>;
  /** Answers 429 APIGW.0308 with Retry-After (seconds, default 1; a fraction is sent as written, for short tests). */
  throttle?: Counted & { retryAfterSeconds?: number };
  /** Added before every answer. */
  latencyMs?: number;
  /** Drops the connection before the request is processed (nothing happened), or after (it did). */
  reset?: Counted & { when: 'before' | 'after' };
  /** Spoils the answer (after the request was processed): see `MalformedKind`. */
  malformed?: Counted & { kind: MalformedKind };
  /** Display names of networks that end `Abnormal` instead of `Active`; '*' for every one. */
  abnormalNetworks?: string[];
  /** Seed of the error-rate dice, for reproducible runs. */
  seed?: number;
}

export class FaultInjector {
  private faults: Faults = {};
  private dice = 1;

  constructor(faults: Faults) {
    this.configure(faults);
  }

  /** Throws, saying what is wrong, when `faults` is not a faults object. */
  configure(faults: Faults): void {
    validateFaults(faults);
    this.faults = structuredClone(faults);
    this.dice = (faults.seed ?? 1) >>> 0 || 1;
  }

  current(): Faults {
    return structuredClone(this.faults);
  }

  /** xorshift32: cheap, and the same sequence for the same seed. */
  private roll(): number {
    let x = this.dice;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.dice = x >>> 0;
    return this.dice / 4294967296;
  }

  /** Takes one firing of a counted fault that applies to `route`: only where the fault is applied. */
  private take<T extends Counted>(fault: T | undefined, route: RouteName): T | undefined {
    if (!fault || !(fault.count > 0) || (fault.route && fault.route !== route)) return undefined;
    fault.count -= 1;
    return fault;
  }

  latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** Whether to drop this request's connection before (`before`) or after (`after`) processing it. */
  takeReset(route: RouteName, when: 'before' | 'after'): boolean {
    return this.faults.reset?.when === when && this.take(this.faults.reset, route) !== undefined;
  }

  /** Retry-After seconds when this request is to be throttled. */
  takeThrottle(route: RouteName): number | undefined {
    const throttle = this.take(this.faults.throttle, route);
    return throttle ? (throttle.retryAfterSeconds ?? 1) : undefined;
  }

  serverError(route: RouteName): boolean {
    const rate = this.faults.errorRate?.[route] ?? this.faults.errorRate?.['*'] ?? 0;
    return rate > 0 && this.roll() < rate;
  }

  takeMalformed(route: RouteName): MalformedKind | undefined {
    return this.take(this.faults.malformed, route)?.kind;
  }

  endsAbnormal(displayName: string): boolean {
    const names = this.faults.abnormalNetworks ?? [];
    return names.includes('*') || names.includes(displayName);
  }
}

const ROUTES: readonly string[] = [
  'iam.projects',
  'networks.create',
  'networks.list',
  'networks.get',
  'networks.update',
  'networks.delete',
  'addressGroups.create',
  'addressGroups.list',
  'addressGroups.get',
  'addressGroups.update',
  'addressGroups.delete',
  'addressGroups.forceDelete',
  'addressGroups.dependencies',
  'workspaces.list',
];

function validateFaults(faults: unknown): asserts faults is Faults {
  const fail = (what: string) => {
    throw new Error(`faults: ${what}`);
  };
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) fail('expected an object');
  const f = faults as Record<string, unknown>;
  const route = (value: unknown, where: string) => {
    if (value !== undefined && !ROUTES.includes(String(value))) {
      fail(`${where}: unknown route "${String(value)}"; routes: ${ROUTES.join(', ')}`);
    }
  };
  const counted = (value: unknown, where: string, kinds?: string[], kindKey?: string) => {
    if (value === undefined) return;
    const v = value as Record<string, unknown>;
    if (typeof value !== 'object' || value === null || !Number.isInteger(v.count) || (v.count as number) < 0) {
      fail(`${where}.count must be a whole number`);
    }
    route(v.route, `${where}.route`);
    if (kinds && kindKey && !kinds.includes(String(v[kindKey]))) {
      fail(`${where}.${kindKey} must be one of ${kinds.join(', ')}`);
    }
  };
  counted(f.throttle, 'throttle');
  counted(f.reset, 'reset', ['before', 'after'], 'when');
  counted(f.malformed, 'malformed', [...MALFORMED_KINDS], 'kind');
  const retryAfter = (f.throttle as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (retryAfter !== undefined && !(typeof retryAfter === 'number' && retryAfter >= 0 && retryAfter <= 3600)) {
    fail('throttle.retryAfterSeconds must be a number of seconds from 0 to 3600');
  }
  if (
    f.latencyMs !== undefined &&
    !(Number.isInteger(f.latencyMs) && (f.latencyMs as number) >= 0 && (f.latencyMs as number) <= 60_000)
  ) {
    fail('latencyMs must be 0-60000');
  }
  if (f.errorRate !== undefined) {
    if (typeof f.errorRate !== 'object' || f.errorRate === null) {
      fail('errorRate must be an object of route → probability');
    }
    for (const [name, rate] of Object.entries(f.errorRate as object)) {
      if (name !== '*') route(name, 'errorRate');
      if (!(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
        fail(`errorRate.${name} must be a probability from 0 to 1`);
      }
    }
  }
  if (
    f.abnormalNetworks !== undefined &&
    !(Array.isArray(f.abnormalNetworks) && f.abnormalNetworks.every((n) => typeof n === 'string'))
  ) {
    fail('abnormalNetworks must be a list of names');
  }
}
