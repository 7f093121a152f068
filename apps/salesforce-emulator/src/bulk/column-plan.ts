// The header row of an ingest job, resolved against the object before any row is written: each
// column is a field (case-insensitive, as in the guide's example "name"), or a parent reference by an
// indexed field ("Account.External_Id__c", "Lead:Who.Email" for polymorphic lookups). A column the
// running user cannot see, or a missing Id / external-id column, fails the whole job with Salesforce's
// "InvalidBatch : Field name not found : X" (recorded from real jobs).
import type { FieldAccess, FieldDef, ObjectDef } from '../schema/types.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { IngestJob } from './job-model.ts';

export interface ParentRef {
  target: ObjectDef;
  /** The indexed parent field the values name (an external id, or an idLookup field such as Id). */
  by: FieldDef;
}

export interface Column {
  /** 0-based position in the CSV row. */
  index: number;
  header: string;
  /** The job object's field the column writes (for a parent reference: the lookup field). */
  field: FieldDef;
  parent?: ParentRef;
}

export interface ColumnPlan {
  /** Columns written as record values (the Id and upsert key columns are not among them). */
  values: Column[];
  /** Position of the Id column (update, delete, hardDelete, upsert on Id). */
  idIndex?: number;
  /** Position of the upsert key column and its field. */
  key?: { index: number; field: FieldDef };
}

const notFound = (header: string) => `InvalidBatch : Field name not found : ${header}`;

function resolveParent(schema: OrgSchema, def: ObjectDef, access: FieldAccess, header: string): Column | string {
  const colon = header.indexOf(':');
  const typeName = colon >= 0 ? header.slice(0, colon) : undefined;
  const path = colon >= 0 ? header.slice(colon + 1) : header;
  const dot = path.indexOf('.');
  const relName = path.slice(0, dot).toLowerCase();
  const fieldName = path.slice(dot + 1).toLowerCase();
  if (fieldName.includes('.')) return notFound(header); // no grandparents (documented)
  const lookup = def.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === relName);
  if (!lookup || !access.canRead(def, lookup)) return notFound(header);
  const polymorphic = lookup.referenceTo.length > 1;
  // The ObjectType: prefix is required for polymorphic lookups and an error otherwise (documented).
  if (polymorphic !== (typeName !== undefined)) return notFound(header);
  const targetName = polymorphic
    ? lookup.referenceTo.find((n) => n.toLowerCase() === typeName!.toLowerCase())
    : lookup.referenceTo[0];
  const target = targetName ? schema.getObject(targetName) : undefined;
  const by = target?.fieldMap.get(fieldName);
  if (!target || !by || !(by.idLookup || by.externalId) || !access.canRead(target, by)) return notFound(header);
  return { index: -1, header, field: lookup, parent: { target, by } };
}

/** The plan for a header row, or the job's errorMessage when the header cannot be used. */
export function planColumns(
  schema: OrgSchema,
  def: ObjectDef,
  access: FieldAccess,
  job: IngestJob,
  header: string[],
): ColumnPlan | string {
  const plan: ColumnPlan = { values: [] };
  const seen = new Set<string>();
  const deleting = job.operation === 'delete' || job.operation === 'hardDelete';
  const keyName = job.operation === 'upsert' ? job.externalIdFieldName!.toLowerCase() : undefined;
  for (let index = 0; index < header.length; index++) {
    const name = header[index]!;
    if (name === '') return 'InvalidBatch : Field name not provided';
    const lower = name.toLowerCase();
    if (seen.has(lower)) return `InvalidBatch : Duplicate field name: ${name}`;
    seen.add(lower);
    if (lower === 'id' && job.operation !== 'insert' && keyName !== 'id') {
      plan.idIndex = index;
      continue;
    }
    if (deleting) continue; // delete jobs read the Id column only
    let column: Column | string;
    if (name.includes('.')) column = resolveParent(schema, def, access, name);
    else {
      const field = def.fieldMap.get(lower);
      column = field && access.canRead(def, field) ? { index, header: name, field } : notFound(name);
    }
    if (typeof column === 'string') return column;
    column.index = index;
    if (keyName !== undefined && lower === keyName) plan.key = { index, field: column.field };
    else plan.values.push(column);
  }
  if (job.operation === 'upsert' && !plan.key) return notFound(job.externalIdFieldName!);
  if (job.operation !== 'insert' && job.operation !== 'upsert' && plan.idIndex === undefined) return notFound('Id');
  return plan;
}
