/** Parses `Sforce-Limit-Info: api-usage=18/15000` (other entries, e.g. per-app usage, are ignored). */
export function parseLimitInfo(header: string | null): { used: number; limit: number } | null {
  if (!header) return null;
  const m = /api-usage=(\d+)\/(\d+)/.exec(header);
  return m ? { used: Number(m[1]), limit: Number(m[2]) } : null;
}
