import { gunzipSync } from 'node:zlib';
import type { Database } from '../../platform/db/database.ts';
import { diffDescribes, diffManifests } from './topology-diff.ts';
import { readBlobs } from './topology.repo.ts';

const LIST_MAX = 50;

/** A short summary of what changed between two manifests, or null when nothing did. */
export async function driftSummary(
  db: Database,
  orgId: string,
  before: Record<string, string>,
  after: Record<string, string>,
) {
  const m = diffManifests(before, after, null);
  if (m.added.length + m.removed.length + m.changed.length === 0) return null;
  const changedObjects = m.changed.slice(0, LIST_MAX);
  const blobs = await db.tenant({ orgId }, (trx) =>
    readBlobs(
      trx,
      orgId,
      changedObjects.flatMap((n) => [before[n]!, after[n]!]),
    ),
  );
  const parse = (h: string) => JSON.parse(gunzipSync(blobs.get(h)!).toString('utf8'));
  let fieldsAdded = 0;
  let fieldsRemoved = 0;
  let fieldsChanged = 0;
  for (const n of changedObjects) {
    const d = diffDescribes(n, parse(before[n]!), parse(after[n]!));
    fieldsAdded += d.added_fields.length;
    fieldsRemoved += d.removed_fields.length;
    fieldsChanged += d.changed_fields.length;
  }
  return {
    added_objects: m.added.slice(0, LIST_MAX),
    removed_objects: m.removed.slice(0, LIST_MAX),
    changed_objects: changedObjects,
    counts: {
      added_objects: m.added.length,
      removed_objects: m.removed.length,
      changed_objects: m.changed.length,
      added_fields: fieldsAdded,
      removed_fields: fieldsRemoved,
      changed_fields: fieldsChanged,
    },
  };
}
