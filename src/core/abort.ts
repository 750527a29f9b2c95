// Waiting on shared work (one connection, one IAM lookup) with a caller's own cancellation.
import { HuaweiCloudError } from './errors';

/**
 * `promise`, or a cancellation error as soon as `signal` aborts. The work behind `promise` goes on: others may be
 * waiting for it.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const cancelled = () => new HuaweiCloudError('cancelled', { kind: 'cancelled', notSent: true });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
