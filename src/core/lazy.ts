// The one way code loads on first use: the extension's features, the tracker, the emulator's process manager are
// each loaded by the first caller that needs them and shared with every caller after.

/** A loader that loads once; `loaded` is the value once it has loaded, read without loading anything. */
export interface Lazy<T> {
  (): Promise<T>;
  readonly loaded: T | undefined;
}

/**
 * Wraps `load` so that it runs on the first call only and every caller gets the same value. A load that failed is
 * not kept: the next call tries again (a chunk that could not be read, a dependency that threw).
 */
export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  const get = (): Promise<T> => {
    if (!loading) {
      const attempt: Promise<T> = load().then(
        (value) => {
          loaded = value;
          return value;
        },
        (error: unknown) => {
          if (loading === attempt) loading = undefined;
          throw error;
        },
      );
      loading = attempt;
    }
    return loading;
  };
  return Object.defineProperty(get, 'loaded', { get: () => loaded }) as Lazy<T>;
}
