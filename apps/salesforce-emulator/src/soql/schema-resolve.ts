// Resolves field paths (Account.Owner.Name), objects and child relationships against the schema,
// case-insensitively, and reports Salesforce's INVALID_FIELD / INVALID_TYPE errors at the offset
// of the offending path.
import { fail, msg } from './errors.ts';
import type { SoqlChildRelationship, SoqlField, SoqlObject, SoqlSchema } from './types.ts';

export interface PathStep {
  /** The lookup field holding the parent id (AccountId). */
  refField: SoqlField;
  /** Canonical relationship name (Account), the key of the nested parent in results. */
  relName: string;
  target: SoqlObject;
  /** Polymorphic lookups (Owner on Case, What/Who on Task) resolve through the "Name" object and
   * render with attributes.type "Name". */
  polymorphic: boolean;
}

export interface FieldPath {
  steps: PathStep[];
  field: SoqlField;
  /** Canonical dotted path, e.g. "Account.Owner.Name". */
  path: string;
}

export interface Scope {
  soql: string;
  schema: SoqlSchema;
  object: SoqlObject;
  /** Names that may prefix a path and mean the queried object itself (its alias, its name). */
  alias?: string;
}

export function resolveObject(soql: string, schema: SoqlSchema, name: string, offset: number): SoqlObject {
  const object = schema.getObject(name);
  if (!object?.queryable) fail('INVALID_TYPE', soql, offset, msg.notSupported(name));
  return object;
}

export function resolveChild(
  scope: Scope,
  name: string,
  offset: number,
): { rel: SoqlChildRelationship; object: SoqlObject } {
  const rel = scope.object.getChildRelationship(name);
  const object = rel && scope.schema.getObject(rel.childSObject);
  if (!rel?.relationshipName || !object) fail('INVALID_TYPE', scope.soql, offset, msg.relInFrom(name));
  return { rel, object };
}

/** Drops a leading alias or object-name qualifier ("a.Name", "Account.Name" on Account). */
export function stripQualifier(scope: Scope, segments: string[]): string[] {
  if (segments.length < 2) return segments;
  const head = (segments[0] as string).toLowerCase();
  if (scope.alias && head === scope.alias.toLowerCase()) return segments.slice(1);
  if (head === scope.object.name.toLowerCase() && !findRelationship(scope.object, head)) return segments.slice(1);
  return segments;
}

export function resolvePath(scope: Scope, dotted: string, offset: number): FieldPath {
  const segments = stripQualifier(scope, dotted.split('.'));
  const steps: PathStep[] = [];
  let owner = scope.object;
  for (const segment of segments.slice(0, -1)) {
    const refField = findRelationship(owner, segment.toLowerCase());
    const target = refField && relationshipTarget(scope.schema, refField);
    if (!refField || !target) fail('INVALID_FIELD', scope.soql, offset, msg.relInFieldPath(segment));
    steps.push({
      refField,
      relName: refField.relationshipName as string,
      target,
      polymorphic: isPolymorphic(refField),
    });
    owner = target;
  }
  const last = segments[segments.length - 1] as string;
  const field = owner.getField(last);
  if (!field) fail('INVALID_FIELD', scope.soql, offset, msg.noSuchColumn(last, owner.name));
  const path = [...steps.map((s) => s.relName), field.name].join('.');
  return { steps, field, path };
}

function findRelationship(object: SoqlObject, lowerName: string): SoqlField | undefined {
  for (const f of object.fields()) {
    if (f.relationshipName && f.relationshipName.toLowerCase() === lowerName && f.referenceTo.length > 0) return f;
  }
  return undefined;
}

export function isPolymorphic(field: SoqlField): boolean {
  return field.polymorphicForeignKey === true || field.referenceTo.length > 1;
}

function relationshipTarget(schema: SoqlSchema, field: SoqlField): SoqlObject | undefined {
  if (!isPolymorphic(field)) return schema.getObject(field.referenceTo[0] as string);
  return schema.getObject('Name') ?? unionObject(schema, field.referenceTo);
}

/** Stands in for the "Name" object when the schema lacks it: a field resolves on the first
 * referenced object that has it, and Type names the referenced record's object. */
function unionObject(schema: SoqlSchema, referenceTo: string[]): SoqlObject {
  const targets = referenceTo.map((n) => schema.getObject(n)).filter((o): o is SoqlObject => !!o);
  const typeField: SoqlField = {
    name: 'Type',
    type: 'picklist',
    label: 'Type',
    relationshipName: null,
    referenceTo: [],
    filterable: true,
    sortable: true,
    groupable: true,
    aggregatable: true,
    custom: false,
    nillable: true,
  };
  return {
    name: 'Name',
    keyPrefix: null,
    queryable: false,
    getField: (n) => (n.toLowerCase() === 'type' ? typeField : targets.map((t) => t.getField(n)).find((f) => f)),
    fields: () => targets[0]?.fields() ?? [],
    getChildRelationship: () => undefined,
  };
}
