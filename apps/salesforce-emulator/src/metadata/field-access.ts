// Field-level security, as Salesforce applies it to the API user. Standard fields are visible to the
// System Administrator profile (every emulated user gets its standard-field access). A custom field
// created through the Metadata or Tooling API is visible and editable only where the user's profile
// (its Profile component's fieldPermissions) or an assigned permission set (PermissionSetAssignment
// rows → PermissionSet components) grants it. Deploying a field grants nothing. Fields that are not
// permissionable (required, master-detail) are always visible; custom fields created outside the
// Metadata API (the control plane, i.e. Setup with "visible to all profiles") stay visible to all.
import type { Org } from '../model/org.ts';
import type { FieldAccess, FieldDef, ObjectDef } from '../schema/types.ts';
import { bool, records, text } from './xml-codec.ts';

const PROFILE_COMPONENTS: Record<string, string> = { 'System Administrator': 'Admin', 'Standard User': 'Standard' };

interface Grant {
  read: boolean;
  edit: boolean;
}

const cache = new WeakMap<Org, Map<string, { stamp: string; access: FieldAccess }>>();

/** The permission sets assigned to a user and the Profile component of their profile. */
function sources(org: Org, userId: string): { profile: string | undefined; permissionSetIds: string[] } {
  const user = org.records.get(userId)?.row;
  const profileRow = typeof user?.ProfileId === 'string' ? org.records.get(user.ProfileId)?.row : undefined;
  const profileName = typeof profileRow?.Name === 'string' ? profileRow.Name : undefined;
  const ids: string[] = [];
  for (const row of org.records.scan('PermissionSetAssignment', false)) {
    if (
      typeof row.AssigneeId === 'string' &&
      row.AssigneeId.slice(0, 15) === userId.slice(0, 15) &&
      typeof row.PermissionSetId === 'string'
    ) {
      ids.push(row.PermissionSetId.slice(0, 15));
    }
  }
  return {
    profile: profileName ? (PROFILE_COMPONENTS[profileName] ?? profileName) : undefined,
    permissionSetIds: ids.sort(),
  };
}

export function fieldAccessFor(org: Org, userId: string): FieldAccess {
  const store = org.metadata.store;
  if (store.flsManaged.size === 0) return FULL;
  const { profile, permissionSetIds } = sources(org, userId);
  const stamp = `${store.version}|${profile ?? ''}|${permissionSetIds.join(',')}`;
  let perOrg = cache.get(org);
  if (!perOrg) {
    perOrg = new Map();
    cache.set(org, perOrg);
  }
  const hit = perOrg.get(userId);
  if (hit && hit.stamp === stamp) return hit.access;
  const grants = new Map<string, Grant>();
  const add = (rec: Record<string, unknown> | undefined) => {
    for (const fp of records(rec?.fieldPermissions as never)) {
      const field = text(fp.field)?.toLowerCase();
      if (!field) continue;
      const g = grants.get(field) ?? { read: false, edit: false };
      grants.set(field, { read: g.read || bool(fp.readable) || bool(fp.editable), edit: g.edit || bool(fp.editable) });
    }
  };
  if (profile) add(store.get('Profile', profile)?.record);
  for (const id of permissionSetIds) add(store.byId(id)?.record);
  const managed = store.flsManaged;
  const key = `fls:${org.id}:${stamp}`;
  const lookup = (object: ObjectDef, field: FieldDef): Grant | undefined => {
    if (!field.custom || field.permissionable === false) return undefined;
    const k = `${object.name}.${field.name}`.toLowerCase();
    if (!managed.has(k)) return undefined;
    return grants.get(k) ?? { read: false, edit: false };
  };
  const access: FieldAccess = {
    key,
    canRead: (o, f) => lookup(o, f)?.read ?? true,
    canEdit: (o, f) => lookup(o, f)?.edit ?? true,
  };
  perOrg.set(userId, { stamp, access });
  return access;
}

const FULL: FieldAccess = { key: 'all', canRead: () => true, canEdit: () => true };
