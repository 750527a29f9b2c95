// The order a list pages through, kept as a sorted array: a page finds where it starts by binary search and reads
// its items from there, so it costs the same wherever it starts. Inserting or removing moves the items after the
// position in one memmove, without looking at them.

export class OrderedIndex<T> {
  private items: T[] = [];

  /** `compare` orders the items; no two items may compare equal. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  at(position: number): T | undefined {
    return this.items[position];
  }

  /**
   * The position of the first item for which `before` is false, `before` being true for a prefix of the order.
   * `probed` is told of every item looked at (O(log n) of them).
   */
  firstNotBefore(before: (item: T) => boolean, probed?: () => void): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      probed?.();
      if (before(this.items[middle] as T)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  insert(item: T): void {
    this.items.splice(
      this.firstNotBefore((other) => this.compare(other, item) < 0),
      0,
      item,
    );
  }

  remove(item: T): void {
    const position = this.firstNotBefore((other) => this.compare(other, item) < 0);
    if (this.items[position] === item) this.items.splice(position, 1);
  }

  /** Replaces everything at once (loading a state file): one sort instead of n inserts. */
  reset(items: readonly T[]): void {
    this.items = [...items].sort(this.compare);
  }
}
