// The client's org schema as the latest topology snapshot recorded it, for checking names before a
// query spends an API call. Manifests and describes are content-addressed (immutable per hash), so
// their compact forms are cached by hash; only "which snapshot is latest" is read per request.
import { gunzipSync } from 'node:zlib';
import type { Tx } from '../../platform/db/database.ts';
import { latestSnapshot, readBlobs, readManifest } from '../topology/topology.repo.ts';

export interface FieldInfo {
  name: string;
  type: string;
  referenceTo: string[];
  filterable: boolean;
}
export interface ObjectInfo {
  name: string;
  fields: Map<string, FieldInfo>;
  /** Parent relationship name (lower case) → the objects it can point at. */
  parents: Map<string, { name: string; referenceTo: string[] }>;
  /** Child relationship name (lower case) → child object. */
  children: Map<string, string>;
}
export interface Catalog {
  /** The canonical object name, or null when the org has no such object. */
  objectName(name: string): string | null;
  object(name: string): Promise<ObjectInfo | null>;
}

const MAX = 2000;
const manifests = new Map<string, Map<string, { name: string; hash: string }>>();
const describes = new Map<string, ObjectInfo>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

type DescribeField = {
  name: string;
  type: string;
  referenceTo?: string[];
  relationshipName?: string | null;
  filterable?: boolean;
};
type Describe = {
  name: string;
  fields?: DescribeField[];
  childRelationships?: Array<{ childSObject: string; relationshipName?: string | null }>;
};

export function compact(d: Describe): ObjectInfo {
  const info: ObjectInfo = { name: d.name, fields: new Map(), parents: new Map(), children: new Map() };
  for (const f of d.fields ?? []) {
    info.fields.set(f.name.toLowerCase(), {
      name: f.name,
      type: f.type,
      referenceTo: f.referenceTo ?? [],
      filterable: f.filterable !== false,
    });
    if (f.relationshipName)
      info.parents.set(f.relationshipName.toLowerCase(), {
        name: f.relationshipName,
        referenceTo: f.referenceTo ?? [],
      });
  }
  for (const c of d.childRelationships ?? [])
    if (c.relationshipName) info.children.set(c.relationshipName.toLowerCase(), c.childSObject);
  return info;
}

/**
 * The catalog of the client's latest snapshot, or null when it has none (callers then fall back to
 * the strict identifier grammar). `run` opens a tenant-scoped transaction.
 */
export async function loadCatalog(
  run: <T>(fn: (trx: Tx) => Promise<T>) => Promise<T>,
  orgId: string,
  clientId: string,
): Promise<Catalog | null> {
  const snap = await run((trx) => latestSnapshot(trx, orgId, clientId));
  if (!snap) return null;
  const mkey = `${orgId}:${snap.manifest_hash}`;
  let objects = manifests.get(mkey);
  if (!objects) {
    const m = await run((trx) => readManifest(trx, orgId, snap.manifest_hash));
    const entries = Object.entries(m.objects as Record<string, string>);
    objects = remember(manifests, mkey, new Map(entries.map(([n, h]) => [n.toLowerCase(), { name: n, hash: h }])));
  }
  const byName = objects;
  return {
    objectName: (name) => byName.get(name.toLowerCase())?.name ?? null,
    async object(name) {
      const entry = byName.get(name.toLowerCase());
      if (!entry) return null;
      const dkey = `${orgId}:${entry.hash}`;
      const hit = describes.get(dkey);
      if (hit) return hit;
      const blobs = await run((trx) => readBlobs(trx, orgId, [entry.hash]));
      const blob = blobs.get(entry.hash);
      if (!blob) return null;
      return remember(describes, dkey, compact(JSON.parse(gunzipSync(blob).toString('utf8')) as Describe));
    },
  };
}
