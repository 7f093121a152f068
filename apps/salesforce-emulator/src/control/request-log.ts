// A bounded log of the requests the emulator answered, for tests and the control plane. Query
// strings are kept (SOQL is useful to see) but every parameter that can carry a secret is redacted.
export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  orgId: string | null;
  userId: string | null;
  apiCalls: number;
  fault: string | null;
}

const SECRET_PARAMS =
  /^(token|code|password|pw|client_secret|refresh_token|code_verifier|access_token|assertion|sid)$/i;

export function redactPath(path: string, query: URLSearchParams): string {
  if ([...query.keys()].length === 0) return path;
  const safe = new URLSearchParams();
  for (const [k, v] of query) safe.append(k, SECRET_PARAMS.test(k) ? '[redacted]' : v);
  return `${path}?${safe.toString()}`;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  readonly capacity: number;

  constructor(capacity = 5000) {
    this.capacity = capacity;
  }

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter: { orgId?: string; since?: number; limit?: number } = {}): RequestLogEntry[] {
    let out = this.entries;
    if (filter.orgId) {
      const id = filter.orgId.slice(0, 15);
      out = out.filter((e) => e.orgId?.slice(0, 15) === id);
    }
    if (filter.since !== undefined) out = out.filter((e) => e.seq > filter.since!);
    if (filter.limit !== undefined) out = out.slice(-filter.limit);
    return out.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
