import type { Permission, Role } from '@sfx/contract';

/** An authenticated org user, acting directly (session) or through an API token. */
export interface Principal {
  method: 'api_token' | 'session';
  orgId: string;
  userId: string;
  role: Role;
  /** Effective client scope: the user's client for company roles, or the token's narrowing. */
  clientId: string | null;
  permissions: ReadonlySet<Permission>;
  tokenId: string | null;
  sessionId: string | null;
}

export type Caller = { kind: 'anonymous' } | { kind: 'super_admin' } | { kind: 'principal'; principal: Principal };

/** What a route tells the audit hook about the call it served. */
export interface AuditNote {
  orgId?: string | null;
  clientId?: string | null;
  targetType?: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}
