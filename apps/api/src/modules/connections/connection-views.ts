import type { ConnectionRow } from './connections.repo.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function connectionSummary(r: ConnectionRow) {
  return {
    id: r.id,
    client_id: r.client_id,
    status: r.status as 'pending',
    instance_url: r.instance_url,
    sfdc_org_id: r.sfdc_org_id,
    environment: (r.environment === 'sandbox' ? 'sandbox' : 'production') as 'production' | 'sandbox',
    last_used_at: iso(r.last_used_at),
    last_refreshed_at: iso(r.last_refreshed_at),
    created_at: r.created_at.toISOString(),
  };
}

export function connectionDetail(r: ConnectionRow) {
  return {
    ...connectionSummary(r),
    sfdc_user_id: r.sfdc_user_id,
    custody: r.custody as 'builtin' | 'nango',
    login_url: r.login_url,
    api_version: r.api_version,
    error_message: r.error_message,
    connected_at: iso(r.connected_at),
    api_usage:
      r.api_usage_used !== null && r.api_usage_limit !== null && r.api_usage_at
        ? { used: r.api_usage_used, limit: r.api_usage_limit, observed_at: r.api_usage_at.toISOString() }
        : null,
  };
}
