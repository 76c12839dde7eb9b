/**
 * The last `capacity` event ids a feed delivered, to drop a redelivery (delivery is at least once: a relay that
 * stops after publishing and before its delete commits publishes those rows again).
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly order: string[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  /** Whether `id` was seen already, without remembering it. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Whether `id` was seen already; remembers it if not. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    if (this.order.length < this.capacity) this.order.push(id);
    else {
      this.ids.delete(this.order[this.next]);
      this.order[this.next] = id;
      this.next = (this.next + 1) % this.capacity;
    }
    this.ids.add(id);
    return false;
  }
}
