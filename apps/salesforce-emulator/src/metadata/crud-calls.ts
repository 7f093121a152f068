// The Metadata API's CRUD-based calls: createMetadata, readMetadata, updateMetadata, upsertMetadata,
// deleteMetadata, renameMetadata (10 components per call), listMetadata (3 queries per call) and
// describeMetadata. Each component is saved atomically; the call commits what succeeded (Salesforce's
// default partial success; AllOrNoneHeader makes it all-or-nothing).
import type { Org } from '../model/org.ts';
import { deleteComponent, listComponents, readComponent, saveComponent, type OpResult } from './component-ops.ts';
import { MetadataFault } from './deploy-service.ts';
import { describedTypes, typeName } from './metadata-types.ts';
import { commitWorkspace, openWorkspace, splitName, type Workspace } from './workspace.ts';
import { arr, records, text, type MdRecord } from './xml-codec.ts';

export const CRUD_LIMIT = 10;

export interface CallContext {
  org: Org;
  userId: string;
  nowMs: number;
  allOrNone: boolean;
}

function requireType(name: string | undefined): string {
  const t = name ? typeName(name) : undefined;
  if (!t) throw new MetadataFault('INVALID_TYPE', 'This type of metadata is not available for this organization');
  return t;
}

function limit(n: number): void {
  if (n > CRUD_LIMIT)
    throw new MetadataFault(
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${CRUD_LIMIT} records in this operation`,
    );
}

function errorsOf(r: OpResult): Record<string, unknown>[] {
  return r.problems.map((p) => ({
    ...(p.fields ? { fields: p.fields } : {}),
    message: p.message,
    statusCode: p.statusCode,
  }));
}

/** Runs one write per component in a workspace; commits unless all-or-none saw a failure. */
function inWorkspace(c: CallContext, items: number, run: (ws: Workspace, i: number) => OpResult): OpResult[] {
  limit(items);
  const ws = openWorkspace(c.org, c.userId, c.nowMs);
  const results = Array.from({ length: items }, (_, i) => run(ws, i));
  const failed = results.some((r) => !r.success);
  if (c.allOrNone && failed) {
    return results.map((r) =>
      r.success
        ? {
            ...r,
            success: false,
            problems: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
              },
            ],
          }
        : r,
    );
  }
  if (results.some((r) => r.success)) commitWorkspace(ws);
  return results;
}

export function saveCall(
  c: CallContext,
  mode: 'create' | 'update' | 'upsert',
  metadata: MdRecord[],
): Record<string, unknown>[] {
  const types = metadata.map((m) => requireType(text(m['@type'])));
  const results = inWorkspace(c, metadata.length, (ws, i) => {
    const { '@type': _t, ...record } = metadata[i]!;
    return saveComponent(ws, types[i]!, record, mode);
  });
  return results.map((r) => ({
    ...(mode === 'upsert' ? { created: r.success && r.created } : {}),
    ...(r.success ? {} : { errors: errorsOf(r) }),
    fullName: r.fullName,
    success: r.success,
  }));
}

export function deleteCall(c: CallContext, type: string | undefined, fullNames: string[]): Record<string, unknown>[] {
  const t = requireType(type);
  const doomed = new Set(fullNames.map((n) => n.toLowerCase()));
  const results = inWorkspace(c, fullNames.length, (ws, i) =>
    deleteComponent(ws, t, fullNames[i]!, (ty, n) => ty === t && doomed.has(n.toLowerCase())),
  );
  return results.map((r, i) => ({
    ...(r.success ? {} : { errors: errorsOf(r) }),
    fullName: r.fullName || fullNames[i],
    success: r.success,
  }));
}

export function readCall(c: CallContext, type: string | undefined, fullNames: string[]): Array<MdRecord | null> {
  const t = requireType(type);
  limit(fullNames.length);
  const ws = openWorkspace(c.org, c.userId, c.nowMs);
  return fullNames.map((n) => readComponent(ws, t, n) ?? null);
}

/** renameMetadata: store-only types are re-keyed; a custom field keeps its data under the new name. */
export function renameCall(
  c: CallContext,
  type: string | undefined,
  oldName: string,
  newName: string,
): Record<string, unknown> {
  const t = requireType(type);
  const ws = openWorkspace(c.org, c.userId, c.nowMs);
  const current = readComponent(ws, t, oldName);
  const fail = (statusCode: string, message: string) => ({
    errors: [{ message, statusCode }],
    fullName: newName,
    success: false,
  });
  if (!current) return fail('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${t} named ${oldName} found`);
  if (t === 'CustomObject')
    return fail('INVALID_OPERATION', 'Renaming a CustomObject is not supported by this emulator');
  const created = saveComponent(ws, t, { ...current, fullName: newName }, 'create');
  if (!created.success) return { errors: errorsOf(created), fullName: newName, success: false };
  commitWorkspace(ws);
  if (t === 'CustomField') copyColumn(c.org, oldName, newName);
  const ws2 = openWorkspace(c.org, c.userId, c.nowMs);
  const removed = deleteComponent(ws2, t, oldName, (ty, n) => ty === t && n.toLowerCase() === oldName.toLowerCase());
  if (!removed.success) return { errors: errorsOf(removed), fullName: newName, success: false };
  commitWorkspace(ws2);
  return { fullName: created.fullName, success: true };
}

function copyColumn(org: Org, from: string, to: string): void {
  const [object, oldField] = splitName(from);
  const newField = splitName(to)[1];
  const def = org.schema.getObject(object);
  const a = def?.fieldMap.get(oldField.toLowerCase())?.name;
  const b = def?.fieldMap.get(newField.toLowerCase())?.name;
  if (!def || !a || !b) return;
  for (const row of [...org.records.scan(def.name, true)]) {
    if (row[a] !== undefined) org.records.replace(String(row.Id), { ...row, [b]: row[a] });
  }
}

export function listCall(c: CallContext, queries: MdRecord[]): Record<string, unknown>[] {
  if (queries.length > 3)
    throw new MetadataFault(
      'INVALID_QUERY_FILTER_OPERATOR',
      'Too many queries: listMetadata accepts at most 3 ListMetadataQuery per call',
    );
  const ws = openWorkspace(c.org, c.userId, c.nowMs);
  const out: Record<string, unknown>[] = [];
  for (const q of queries) {
    const t = typeName(text(q.type) ?? '');
    if (!t) continue; // unknown types list nothing
    const folder = text(q.folder);
    for (const item of listComponents(ws, t, folder))
      out.push(fileProperties(c.org, t, item.fullName, item.id, item.component));
  }
  return out;
}

export function fileProperties(
  org: Org,
  type: string,
  fullName: string,
  id: string,
  c?: { createdById: string; createdMs: number; modifiedById: string; modifiedMs: number },
): Record<string, unknown> {
  const name = (userId: string) => String(org.records.get(userId)?.row.Name ?? '');
  const createdById = c?.createdById ?? org.adminUserId;
  const modifiedById = c?.modifiedById ?? org.adminUserId;
  const created = new Date(c?.createdMs ?? org.createdMs).toISOString();
  const modified = new Date(c?.modifiedMs ?? org.createdMs).toISOString();
  const custom = /__c($|\.)/i.test(fullName) || !['CustomObject', 'CustomField'].includes(type);
  return {
    createdById: createdById.slice(0, 15),
    createdByName: name(createdById),
    createdDate: created,
    fileName: fileNameOf(type, fullName),
    fullName,
    id,
    lastModifiedById: modifiedById.slice(0, 15),
    lastModifiedByName: name(modifiedById),
    lastModifiedDate: modified,
    manageableState: custom ? 'unmanaged' : 'standard',
    type,
  };
}

export function fileNameOf(type: string, fullName: string): string {
  const t = describedTypes().find((d) => d.xmlName === type);
  if (t) return `${t.directoryName}/${fullName}.${t.suffix}`;
  if (type === 'ReportFolder') return `reports/${fullName}`;
  if (type === 'DashboardFolder') return `dashboards/${fullName}`;
  if (type === 'AssignmentRule') return `assignmentRules/${splitName(fullName)[0]}.assignmentRules`;
  return `objects/${splitName(fullName)[0]}.object`;
}

export function describeCall(): Record<string, unknown> {
  return {
    metadataObjects: describedTypes().map((t) => ({
      childXmlNames: Object.keys(t.children ?? {}),
      directoryName: t.directoryName,
      inFolder: t.inFolder,
      metaFile: t.metaFile,
      suffix: t.suffix,
      xmlName: t.xmlName,
    })),
    organizationNamespace: '',
    partialSaveAllowed: true,
    testRequired: false,
  };
}

export function argList(v: MdRecord[keyof MdRecord] | undefined): string[] {
  return arr(v).map((x) => text(x) ?? '');
}

export { records };
