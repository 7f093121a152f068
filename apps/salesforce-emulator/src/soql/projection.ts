// The shape of each result record: attributes first, then selected fields in SELECT order, with
// parent fields nested under their relationship name (null when the lookup is empty) and child
// subqueries as {totalSize, done, records} (null when there are no children).
import type { RunContext } from './context.ts';
import { fail, msg } from './errors.ts';
import type { FieldPath, PathStep } from './schema-resolve.ts';
import type { SoqlField, SoqlRow } from './types.ts';

export type ChildRunner = (
  parent: SoqlRow,
) => { totalSize: number; done: true; records: Record<string, unknown>[] } | null;

export interface TypeofBranches {
  key: string;
  refField: SoqlField;
  /** By lower-case object name. */
  branches: Map<string, { node: ProjectionNode }>;
  otherwise?: ProjectionNode;
}

type Entry =
  | { t: 'leaf'; key: string; path: string; typeOf: boolean; read?: (row: SoqlRow) => unknown }
  | { t: 'parent'; key: string; step: PathStep; node: ProjectionNode }
  | { t: 'child'; key: string; run: ChildRunner }
  | ({ t: 'typeof' } & TypeofBranches);

export interface ProjectionNode {
  entries: Entry[];
}

export const emptyProjection = (): ProjectionNode => ({ entries: [] });

/** Adds a selected field path, merging parents that share a relationship; duplicates are an error. */
/** `nameScope`: the path is resolved on the "Name" object itself (TYPEOF … ELSE), where Type is the
 * record's object name rather than a stored field. */
export function addPath(
  run: RunContext,
  root: ProjectionNode,
  path: FieldPath,
  read?: (row: SoqlRow) => unknown,
  nameScope = false,
): void {
  let node = root;
  for (const step of path.steps) {
    let entry = node.entries.find((e) => e.t === 'parent' && e.key === step.relName);
    if (!entry) {
      entry = { t: 'parent', key: step.relName, step, node: emptyProjection() };
      node.entries.push(entry);
    }
    node = (entry as { node: ProjectionNode }).node;
  }
  const key = path.field.name;
  // Salesforce reports duplicates without a position (SOQL reference, FIELDS() section).
  if (node.entries.some((e) => e.t === 'leaf' && e.key === key))
    fail('INVALID_FIELD', run.soql, undefined, msg.duplicateField(path.path));
  const last = path.steps[path.steps.length - 1];
  const onName = last ? last.polymorphic : nameScope;
  node.entries.push({ t: 'leaf', key, path: path.path, typeOf: onName && key === 'Type', read });
}

export function addChild(run: RunContext, root: ProjectionNode, key: string, runner: ChildRunner): void {
  if (root.entries.some((e) => e.key === key)) fail('INVALID_FIELD', run.soql, undefined, msg.duplicateField(key));
  root.entries.push({ t: 'child', key, run: runner });
}

/** TYPEOF may not name a relationship the field list also uses. */
export function addTypeof(run: RunContext, root: ProjectionNode, branches: TypeofBranches): void {
  if (root.entries.some((e) => e.key === branches.key))
    fail('INVALID_FIELD', run.soql, undefined, msg.duplicateField(branches.key));
  root.entries.push({ t: 'typeof', ...branches });
}

/** Renders one stored row. `typeName` is attributes.type ("Name" for polymorphic parents); the
 * url always names the record's own object, so it stays retrievable. */
export function render(
  run: RunContext,
  node: ProjectionNode,
  row: SoqlRow,
  objectName: string,
  typeName = objectName,
): Record<string, unknown> {
  const id = row.Id;
  const attributes: Record<string, unknown> = { type: typeName };
  if (typeof id === 'string') attributes.url = `${run.urlPrefix}${objectName}/${id}`;
  const out: Record<string, unknown> = { attributes };
  for (const entry of node.entries) {
    if (entry.t === 'leaf') {
      out[entry.key] = entry.read ? entry.read(row) : entry.typeOf ? objectName : (row[entry.key] ?? null);
    } else if (entry.t === 'parent') {
      const parentId = row[entry.step.refField.name];
      const hit =
        typeof parentId === 'string' && parentId !== '' ? run.data.get(parentId, run.opts.includeDeleted) : undefined;
      out[entry.key] = hit
        ? render(run, entry.node, hit.row, hit.objectName, entry.step.polymorphic ? 'Name' : hit.objectName)
        : null;
    } else if (entry.t === 'child') {
      out[entry.key] = entry.run(row);
    } else {
      out[entry.key] = renderTypeof(run, entry, row);
    }
  }
  return out;
}

function renderTypeof(run: RunContext, entry: TypeofBranches, row: SoqlRow): Record<string, unknown> | null {
  const refId = row[entry.refField.name];
  const hit = typeof refId === 'string' && refId !== '' ? run.data.get(refId, run.opts.includeDeleted) : undefined;
  if (!hit) return null;
  const node = entry.branches.get(hit.objectName.toLowerCase())?.node ?? entry.otherwise;
  return node ? render(run, node, hit.row, hit.objectName) : null;
}
