// A binary min-heap of (expires, id) pairs in two parallel arrays, ordered by expires then id: the q4 loops'
// queue of open auctions.
export class ExpiryHeap {
  private readonly t: number[] = [];
  private readonly ids: number[] = [];

  get size(): number {
    return this.t.length;
  }

  minExpires(): number {
    return this.t[0] as number;
  }

  push(expires: number, id: number): void {
    const t = this.t;
    const ids = this.ids;
    let i = t.length;
    t.push(expires);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest pair and returns its id. */
  pop(): number {
    const t = this.t;
    const ids = this.ids;
    const top = ids[0] as number;
    const lastT = t.pop() as number;
    const lastId = ids.pop() as number;
    if (t.length === 0) return top;
    t[0] = lastT;
    ids[0] = lastId;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < t.length && this.less(l, m)) m = l;
      if (r < t.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ta = this.t[a] as number;
    const tb = this.t[b] as number;
    return ta < tb || (ta === tb && (this.ids[a] as number) < (this.ids[b] as number));
  }

  private swap(a: number, b: number): void {
    const t = this.t;
    const ids = this.ids;
    const x = t[a] as number;
    t[a] = t[b] as number;
    t[b] = x;
    const y = ids[a] as number;
    ids[a] = ids[b] as number;
    ids[b] = y;
  }
}
