import { gunzipSync } from 'node:zlib';
import type { Database } from '../../platform/db/database.ts';
import { latestSnapshot, readBlobs, readManifest } from '../topology/topology.repo.ts';

/** The describe properties the push path relies on. */
export interface FieldInfo {
  name: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  idLookup: boolean;
  relationshipName: string | null;
  referenceTo: string[];
}
export interface ObjectSchema {
  name: string;
  fields: Map<string, FieldInfo>;
  field(name: string): FieldInfo | undefined;
}

/**
 * An object's fields from the client's latest topology snapshot (database only, no Salesforce call).
 * null when there is no snapshot; { object: null } when the object is not in it.
 */
export async function loadObjectSchema(
  db: Database,
  scope: { orgId: string; clientId?: string | null },
  clientId: string,
  objectName: string,
): Promise<{ version: number; object: ObjectSchema | null } | null> {
  const orgId = scope.orgId;
  return db.tenant({ orgId, clientId: scope.clientId ?? null }, async (trx) => {
    const snap = await latestSnapshot(trx, orgId, clientId);
    if (!snap) return null;
    const m = await readManifest(trx, orgId, snap.manifest_hash);
    const objects = m.objects as Record<string, string>;
    const name = Object.keys(objects).find((n) => n.toLowerCase() === objectName.toLowerCase());
    if (!name) return { version: snap.version, object: null };
    const blob = (await readBlobs(trx, orgId, [objects[name]!])).get(objects[name]!)!;
    const describe = JSON.parse(gunzipSync(blob).toString('utf8')) as { fields?: Array<Record<string, unknown>> };
    const fields = new Map<string, FieldInfo>();
    for (const f of describe.fields ?? []) {
      const info: FieldInfo = {
        name: String(f.name),
        type: String(f.type),
        length: Number(f.length ?? 0),
        nillable: f.nillable === true,
        createable: f.createable === true,
        updateable: f.updateable === true,
        externalId: f.externalId === true,
        idLookup: f.idLookup === true,
        relationshipName: typeof f.relationshipName === 'string' ? f.relationshipName : null,
        referenceTo: Array.isArray(f.referenceTo) ? (f.referenceTo as string[]) : [],
      };
      fields.set(info.name.toLowerCase(), info);
    }
    return { version: snap.version, object: { name, fields, field: (n) => fields.get(n.toLowerCase()) } };
  });
}
