// Lookups keyed by request data: a plain object inherits `constructor`, `toString`, `__proto__`…, which a request
// may name, so every such lookup must see the object's own properties only.

/** The own property `key` of `record`, never one inherited from Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `key` as an own data property, even `__proto__` (an assignment would change the prototype instead). */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
