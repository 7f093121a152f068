// A workspace is a copy of an org's schema and component store that a deploy or a CRUD call applies
// its components to. Committing it replaces the org's schema and store in one step (so a failed
// all-or-nothing deploy, or a checkOnly validation, leaves the org exactly as it was) and brings the
// records that mirror components up to date: PermissionSet, FieldPermissions and ObjectPermissions
// rows (queryable through REST, referenced by PermissionSetAssignment) and RecordType rows.
import { insert } from '../model/dml.ts';
import type { Org } from '../model/org.ts';
import { masterRecordType } from '../schema/describe-completion.ts';
import type { RecordTypeDef } from '../schema/types.ts';
import { to18 } from '../ids/salesforce-id.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { ComponentStore } from './component-store.ts';
import { bool, records, text } from './xml-codec.ts';

export interface Workspace {
  readonly org: Org;
  readonly schema: OrgSchema;
  readonly store: ComponentStore;
  readonly userId: string;
  readonly nowMs: number;
}

export function openWorkspace(org: Org, userId: string, nowMs: number): Workspace {
  return { org, schema: org.schema.clone(), store: org.metadata.store.clone(), userId, nowMs };
}

export function commitWorkspace(ws: Workspace): void {
  const { org } = ws;
  org.schema.adopt(ws.schema);
  org.metadata.store.adopt(ws.store);
  syncRecords(org, ws.userId, ws.nowMs);
}

/** An id for a new component, minted from the org's id sequence (so it is unique and real-shaped). */
export function newId(ws: Workspace, prefix: string): string {
  return ws.org.ids.next(prefix);
}

/** Rewrites the rows that mirror PermissionSet and RecordType components. */
function syncRecords(org: Org, userId: string, nowMs: number): void {
  const ctx = org.writeContext(userId, nowMs, undefined, true);
  const store = org.metadata.store;
  const permSets = new Map(store.list('PermissionSet').map((c) => [c.id.slice(0, 15), c]));
  // Rows of permission sets that no longer exist go, with their assignments and permissions.
  for (const row of [...org.records.scan('PermissionSet', true)]) {
    const id = String(row.Id);
    if (row.IsCustom === true && row.IsOwnedByProfile !== true && !permSets.has(id.slice(0, 15))) {
      purgeWhere(org, 'PermissionSetAssignment', (r) => sameId(r.PermissionSetId, id));
      org.records.purge(id);
    }
  }
  purgeWhere(org, 'FieldPermissions', () => true);
  purgeWhere(org, 'ObjectPermissions', () => true);
  const psDef = org.schema.getObject('PermissionSet')!;
  for (const c of permSets.values()) {
    const values = {
      Name: c.fullName,
      Label: text(c.record.label) ?? c.fullName,
      Description: text(c.record.description) ?? null,
      IsCustom: true,
      IsOwnedByProfile: false,
    };
    const existing = org.records.get(c.id);
    if (existing) org.records.replace(existing.row.Id as string, { ...existing.row, ...values });
    else insert(ctx, psDef, { Id: c.id, ...values });
  }
  const fpDef = org.schema.getObject('FieldPermissions')!;
  const opDef = org.schema.getObject('ObjectPermissions')!;
  for (const c of permSets.values()) {
    for (const fp of records(c.record.fieldPermissions)) {
      const field = text(fp.field) ?? '';
      insert(ctx, fpDef, {
        ParentId: c.id,
        SobjectType: field.split('.')[0],
        Field: field,
        PermissionsRead: bool(fp.readable),
        PermissionsEdit: bool(fp.editable),
      });
    }
    for (const op of records(c.record.objectPermissions)) {
      insert(ctx, opDef, {
        ParentId: c.id,
        SobjectType: text(op.object),
        PermissionsRead: bool(op.allowRead),
        PermissionsCreate: bool(op.allowCreate),
        PermissionsEdit: bool(op.allowEdit),
        PermissionsDelete: bool(op.allowDelete),
        PermissionsViewAllRecords: bool(op.viewAllRecords),
        PermissionsModifyAllRecords: bool(op.modifyAllRecords),
      });
    }
  }
  syncRecordTypes(org, ctx);
}

function syncRecordTypes(org: Org, ctx: ReturnType<Org['writeContext']>): void {
  const types = new Map(org.metadata.store.list('RecordType').map((c) => [c.id.slice(0, 15), c]));
  // Objects whose recordTypeInfos may change: those that had record types, and those that get them.
  const touched = new Set<string>();
  for (const row of [...org.records.scan('RecordType', true)]) {
    if (typeof row.SobjectType === 'string') touched.add(row.SobjectType);
    if (!types.has(String(row.Id).slice(0, 15))) org.records.purge(String(row.Id));
  }
  const def = org.schema.getObject('RecordType')!;
  const byObject = new Map<string, RecordTypeDef[]>();
  for (const c of types.values()) {
    const [object, developerName] = splitName(c.fullName);
    const values = {
      Name: text(c.record.label) ?? developerName,
      DeveloperName: developerName,
      SobjectType: object,
      IsActive: bool(c.record.active, true),
      Description: text(c.record.description) ?? null,
    };
    const existing = org.records.get(c.id);
    if (existing) org.records.replace(String(existing.row.Id), { ...existing.row, ...values });
    else insert(ctx, def, { Id: c.id, ...values });
    const list = byObject.get(object.toLowerCase()) ?? [];
    list.push({
      active: values.IsActive,
      available: values.IsActive,
      defaultRecordTypeMapping: false,
      developerName,
      master: false,
      name: values.Name,
      recordTypeId: id18(c.id),
    });
    byObject.set(object.toLowerCase(), list);
    touched.add(object);
  }
  // describe's recordTypeInfos: Master, then the deployed ones (sorted by name, as Salesforce lists them).
  for (const name of touched) {
    const obj = org.schema.getObject(name);
    if (!obj) continue;
    const custom = (byObject.get(obj.name.toLowerCase()) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    org.schema.setRecordTypes(obj.name, [masterRecordType(), ...custom]);
  }
}

function id18(id: string): string {
  return id.length === 18 ? id : to18(id);
}

function purgeWhere(org: Org, object: string, keep: (row: Record<string, unknown>) => boolean): void {
  for (const row of [...org.records.scan(object, true)]) if (keep(row)) org.records.purge(String(row.Id));
}

function sameId(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.slice(0, 15) === b.slice(0, 15);
}

/** "Account.Foo__c" → ["Account", "Foo__c"]. */
export function splitName(fullName: string): [string, string] {
  const i = fullName.indexOf('.');
  return i < 0 ? [fullName, ''] : [fullName.slice(0, i), fullName.slice(i + 1)];
}

export interface Checkpoint {
  overlay: ReturnType<OrgSchema['overlayEntries']>;
  times: ReturnType<OrgSchema['persistedTimes']>;
  store: ComponentStore;
}

/** A point to return to when one component of a deploy or CRUD call fails (each one is atomic). */
export function checkpoint(ws: Workspace): Checkpoint {
  return { overlay: ws.schema.overlayEntries(), times: ws.schema.persistedTimes(), store: ws.store.clone() };
}

export function rollbackTo(ws: Workspace, cp: Checkpoint): void {
  ws.schema.restore(cp.overlay, cp.times.modified, cp.times.globalModified, cp.times.prefixSequence);
  ws.store.adopt(cp.store);
}
