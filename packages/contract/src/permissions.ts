// Roles and permissions, exactly as the contract's matrix (docs/api-contract.md, "Roles and permissions").
export const ROLES = ['org_admin', 'company_admin', 'company_member'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'connections.read',
  'connections.write',
  'topology.read',
  'deploy.write',
  'push.write',
  'workflows.read',
  'workflows.write',
  'crm.read',
  'org.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  org_admin: PERMISSIONS,
  company_admin: ['connections.read', 'topology.read', 'workflows.read', 'crm.read'],
  company_member: ['connections.read', 'topology.read', 'crm.read'],
};

/** Roles that belong to exactly one client and only ever see that client's resources. */
export function isClientScopedRole(role: Role): boolean {
  return role !== 'org_admin';
}
