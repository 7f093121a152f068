// The shape of each result record: attributes first, then selected fields in SELECT order, with
// parent fields nested under their relationship name (null when the lookup is empty) and child
// subqueries as {totalSize, done, records} (null when there are no children).
import type { RunContext } from './context.ts';
import { fail, msg } from './errors.ts';
import type { FieldPath, PathStep } from './schema-resolve.ts';
import type { SoqlRow } from './types.ts';

export type ChildRunner = (parent: SoqlRow) => { totalSize: number; done: true; records: Record<string, unknown>[] } | null;

type Entry =
  | { t: 'leaf'; key: string; path: string; typeOf: boolean; read?: (row: SoqlRow) => unknown }
  | { t: 'parent'; key: string; step: PathStep; node: ProjectionNode }
  | { t: 'child'; key: string; run: ChildRunner };

export interface ProjectionNode {
  entries: Entry[];
}

export const emptyProjection = (): ProjectionNode => ({ entries: [] });

/** Adds a selected field path, merging parents that share a relationship; duplicates are an error. */
export function addPath(run: RunContext, root: ProjectionNode, path: FieldPath, read?: (row: SoqlRow) => unknown): void {
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
  if (node.entries.some((e) => e.t === 'leaf' && e.key === key)) fail('INVALID_FIELD', run.soql, undefined, msg.duplicateField(path.path));
  const last = path.steps[path.steps.length - 1];
  node.entries.push({ t: 'leaf', key, path: path.path, typeOf: !!last?.polymorphic && key === 'Type', read });
}

export function addChild(run: RunContext, root: ProjectionNode, key: string, runner: ChildRunner): void {
  if (root.entries.some((e) => e.key === key)) fail('INVALID_FIELD', run.soql, undefined, msg.duplicateField(key));
  root.entries.push({ t: 'child', key, run: runner });
}

/** Renders one stored row. `typeName` is attributes.type ("Name" for polymorphic parents). */
export function render(run: RunContext, node: ProjectionNode, row: SoqlRow, objectName: string, typeName = objectName): Record<string, unknown> {
  const id = row['Id'];
  const attributes: Record<string, unknown> = { type: typeName };
  if (typeof id === 'string') attributes['url'] = `${run.urlPrefix}${typeName}/${id}`;
  const out: Record<string, unknown> = { attributes };
  for (const entry of node.entries) {
    if (entry.t === 'leaf') {
      out[entry.key] = entry.read ? entry.read(row) : entry.typeOf ? objectName : (row[entry.key] ?? null);
    } else if (entry.t === 'parent') {
      const parentId = row[entry.step.refField.name];
      const hit = typeof parentId === 'string' && parentId !== '' ? run.data.get(parentId, run.opts.includeDeleted) : undefined;
      out[entry.key] = hit
        ? render(run, entry.node, hit.row, hit.objectName, entry.step.polymorphic ? 'Name' : hit.objectName)
        : null;
    } else {
      out[entry.key] = entry.run(row);
    }
  }
  return out;
}
