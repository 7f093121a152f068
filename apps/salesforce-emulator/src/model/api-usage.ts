// Daily API request usage over a rolling 24 hours, as Salesforce counts it (a call made at 05:00
// Wednesday stops counting at 05:00 Thursday), kept in one-minute buckets.
const DAY_MS = 24 * 60 * 60 * 1000;
const BUCKET_MS = 60 * 1000;

export class ApiUsage {
  private buckets: Array<[number, number]> = []; // [bucket start ms, count], oldest first
  /** Every counted call since the org was created (not rolling); for the control plane's call counts. */
  total = 0;

  used(nowMs: number): number {
    this.expire(nowMs);
    let sum = 0;
    for (const [, n] of this.buckets) sum += n;
    return sum;
  }

  add(nowMs: number, n = 1): void {
    if (n <= 0) return;
    this.expire(nowMs);
    const start = nowMs - (nowMs % BUCKET_MS);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last[0] === start) last[1] += n;
    else this.buckets.push([start, n]);
    this.total += n;
  }

  /** Sets the rolling usage to exactly `n` (a control-plane override), counted as made now. */
  set(nowMs: number, n: number): void {
    this.buckets = n > 0 ? [[nowMs - (nowMs % BUCKET_MS), n]] : [];
  }

  private expire(nowMs: number): void {
    const cutoff = nowMs - DAY_MS;
    let drop = 0;
    while (drop < this.buckets.length && this.buckets[drop]![0] + BUCKET_MS <= cutoff) drop++;
    if (drop) this.buckets.splice(0, drop);
  }

  toJSON(): { buckets: Array<[number, number]>; total: number } {
    return { buckets: this.buckets, total: this.total };
  }

  static from(data: { buckets: Array<[number, number]>; total: number } | undefined): ApiUsage {
    const u = new ApiUsage();
    if (data) {
      u.buckets = data.buckets.map(([a, b]) => [a, b]);
      u.total = data.total;
    }
    return u;
  }
}
