// Faults to inject, for tests of everything that must survive a bad network or a bad day of the service. Set
// from the command line or, while running, through PUT /__emulator/faults.

export type RouteName =
  | 'iam.projects'
  | 'networks.create' | 'networks.list' | 'networks.get' | 'networks.update' | 'networks.delete'
  | 'addressGroups.create' | 'addressGroups.list' | 'addressGroups.get' | 'addressGroups.update'
  | 'addressGroups.delete' | 'addressGroups.forceDelete' | 'addressGroups.dependencies';

/** A fault that fires on the next `count` requests, to one route or (without `route`) to any. */
interface Counted {
  count: number;
  route?: RouteName;
}

export interface Faults {
  /** Probability from 0 to 1 of a 500 answer, per route, or '*' for every route. */
  errorRate?: Partial<Record<RouteName | '*', number>>;
  /** Answers 429 APIGW.0308 with Retry-After (seconds, default 1). */
  throttle?: Counted & { retryAfterSeconds?: number };
  /** Added before every answer. */
  latencyMs?: number;
  /** Drops the connection before the request is processed (nothing happened), or after (it did). */
  reset?: Counted & { when: 'before' | 'after' };
  /** Cuts the answer's JSON in half, or replaces it with a proxy's HTML error page. */
  malformed?: Counted & { kind: 'truncated' | 'html' };
  /** Display names of networks that end `Abnormal` instead of `Active`; '*' for every one. */
  abnormalNetworks?: string[];
  /** Seed of the error-rate dice, for reproducible runs. */
  seed?: number;
}

export interface FaultDecision {
  latencyMs: number;
  resetBefore: boolean;
  resetAfter: boolean;
  throttle?: { limit: number; retryAfterSeconds: number };
  serverError: boolean;
  malformed?: 'truncated' | 'html';
}

export class FaultInjector {
  private faults: Faults = {};
  private dice = 1;

  constructor(faults: Faults) {
    this.configure(faults);
  }

  configure(faults: Faults): void {
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

  /** Takes one firing of a counted fault that applies to `route`. */
  private take<T extends Counted>(fault: T | undefined, route: RouteName): T | undefined {
    if (!fault || fault.count <= 0 || (fault.route && fault.route !== route)) return undefined;
    fault.count -= 1;
    return fault;
  }

  next(route: RouteName): FaultDecision {
    const reset = this.take(this.faults.reset, route);
    const throttle = this.take(this.faults.throttle, route);
    const malformed = this.take(this.faults.malformed, route);
    const rate = this.faults.errorRate?.[route] ?? this.faults.errorRate?.['*'] ?? 0;
    return {
      latencyMs: this.faults.latencyMs ?? 0,
      resetBefore: reset?.when === 'before',
      resetAfter: reset?.when === 'after',
      ...(throttle ? { throttle: { limit: 10, retryAfterSeconds: throttle.retryAfterSeconds ?? 1 } } : {}),
      serverError: rate > 0 && this.roll() < rate,
      ...(malformed ? { malformed: malformed.kind } : {}),
    };
  }

  endsAbnormal(displayName: string): boolean {
    const names = this.faults.abnormalNetworks ?? [];
    return names.includes('*') || names.includes(displayName);
  }
}
