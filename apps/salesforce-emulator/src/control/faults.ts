// Fault injection and latency (control plane). A fault rule matches the next N requests by method,
// path pattern and optionally org, and replaces what the client sees: a given status and body, a
// dropped connection, a hang, Salesforce's 401/403 bodies, or extra delay. Latency adds a fixed
// delay plus random jitter to every request, or to those matching a path pattern.

export type FaultAction =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'drop' }
  | { type: 'timeout'; ms?: number }
  | { type: 'delay'; ms: number }
  | { type: 'invalidSession' }
  | { type: 'requestLimit'; kind?: 'total' | 'concurrent' };

export interface FaultRule {
  id: string;
  method: string;
  /** Glob over the path: * matches any run of characters (slashes included). */
  path: string;
  orgId: string | null;
  /** Requests still to affect; null means every matching request until cleared. */
  remaining: number | null;
  action: FaultAction;
  hits: number;
}

export interface FaultSpec {
  method?: string;
  path: string;
  orgId?: string;
  times?: number | 'always';
  action: FaultAction;
}

export interface LatencyRule {
  method: string;
  path: string;
  fixedMs: number;
  jitterMs: number;
}

const patterns = new Map<string, RegExp>();

export function globMatch(pattern: string, path: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    patterns.set(pattern, re);
  }
  return re.test(path);
}

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private seq = 0;

  add(spec: FaultSpec): FaultRule {
    const rule: FaultRule = {
      id: `fault-${++this.seq}`,
      method: (spec.method ?? '*').toUpperCase(),
      path: spec.path,
      orgId: spec.orgId ? spec.orgId.slice(0, 15) : null,
      remaining: spec.times === 'always' ? null : Math.max(1, spec.times ?? 1),
      action: spec.action,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching this request, consuming one of its uses. */
  take(method: string, path: string, orgId: string | undefined): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method !== '*' && rule.method !== method) continue;
      if (rule.orgId && rule.orgId !== orgId?.slice(0, 15)) continue;
      if (!globMatch(rule.path, path)) continue;
      rule.hits++;
      if (rule.remaining !== null && --rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule;
    }
    return undefined;
  }
}

export class Latency {
  global = { fixedMs: 0, jitterMs: 0 };
  rules: LatencyRule[] = [];

  set(spec: { fixedMs?: number; jitterMs?: number; path?: string; method?: string }): void {
    const fixedMs = Math.max(0, spec.fixedMs ?? 0);
    const jitterMs = Math.max(0, spec.jitterMs ?? 0);
    if (!spec.path) this.global = { fixedMs, jitterMs };
    else this.rules.push({ method: (spec.method ?? '*').toUpperCase(), path: spec.path, fixedMs, jitterMs });
  }

  clear(): void {
    this.global = { fixedMs: 0, jitterMs: 0 };
    this.rules = [];
  }

  /** Milliseconds to wait before answering this request (rule-specific when a rule matches). */
  delayFor(method: string, path: string): number {
    const rule = this.rules.find((r) => (r.method === '*' || r.method === method) && globMatch(r.path, path));
    const { fixedMs, jitterMs } = rule ?? this.global;
    return fixedMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
  }
}
