// GET /query?q=…&columns=true: the column metadata Salesforce's own tools (the CLI's `sf data query`)
// read to lay out a result, instead of the rows. The query is validated exactly as a normal run (same
// errors); columns follow SELECT order, relationship paths nest in joinColumns, child subqueries are
// aggregate columns with their own joinColumns, aggregate functions are expr0, expr1, … unless aliased.
import type { FieldType as AstField, Query } from '@jetstreamapp/soql-parser-js';
import { parseSoql } from '../soql/parse-adapter.ts';
import type { SoqlField, SoqlObject, SoqlSchema } from '../soql/types.ts';

const APEX_TYPES: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  long: 'Long',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
  address: 'Address',
  location: 'Location',
};
const NUMBER = new Set(['int', 'long', 'double', 'currency', 'percent']);

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

function fieldColumn(f: SoqlField, displayName: string): ColumnMetadata {
  const apexType = APEX_TYPES[f.type] ?? 'String';
  return {
    aggregate: false,
    apexType,
    booleanType: f.type === 'boolean',
    columnName: f.name,
    custom: f.custom,
    displayName,
    foreignKeyName: null,
    insertable: f.createable === true,
    joinColumns: [],
    numberType: NUMBER.has(f.type),
    textType: apexType === 'String',
    updatable: f.updateable === true,
  };
}

function parentColumn(name: string, f: SoqlField, joins: ColumnMetadata[]): ColumnMetadata {
  return {
    ...fieldColumn(f, name),
    apexType: f.referenceTo[0] ?? null,
    columnName: name,
    displayName: name,
    foreignKeyName: f.name,
    joinColumns: joins,
    textType: false,
  };
}

function referenceByRelationship(obj: SoqlObject, rel: string): SoqlField | undefined {
  const lower = rel.toLowerCase();
  for (const f of obj.fields()) if (f.relationshipName?.toLowerCase() === lower) return f;
  return undefined;
}

/** `Owner.Manager.Name` → Owner{joinColumns:[Manager{joinColumns:[Name]}]}. */
function pathColumn(schema: SoqlSchema, obj: SoqlObject, path: string[], leaf: string): ColumnMetadata | undefined {
  if (path.length === 0) {
    const f = obj.getField(leaf);
    return f ? fieldColumn(f, f.name) : undefined;
  }
  const ref = referenceByRelationship(obj, path[0] ?? '');
  const target = ref ? schema.getObject(ref.referenceTo[0] ?? '') : undefined;
  if (!ref || !target) return undefined;
  const inner = pathColumn(schema, target, path.slice(1), leaf);
  return parentColumn(ref.relationshipName ?? path[0] ?? '', ref, inner ? [inner] : []);
}

function columnsOf(schema: SoqlSchema, obj: SoqlObject, fields: AstField[]): ColumnMetadata[] {
  const out: ColumnMetadata[] = [];
  let expr = 0;
  for (const item of fields) {
    if (item.type === 'Field') {
      const f = obj.getField(item.field);
      if (f) out.push(fieldColumn(f, f.name));
    } else if (item.type === 'FieldRelationship') {
      const col = pathColumn(schema, obj, item.relationships, item.field);
      if (col) out.push(col);
    } else if (item.type === 'FieldSubquery') {
      const sub = item.subquery;
      const rel = obj.getChildRelationship(sub.relationshipName);
      const child = rel ? schema.getObject(rel.childSObject) : undefined;
      if (!rel || !child) continue;
      const name = rel.relationshipName ?? sub.relationshipName;
      out.push({
        ...emptyColumn(name, name),
        aggregate: true,
        joinColumns: columnsOf(schema, child, sub.fields ?? []),
      });
    } else if (item.type === 'FieldFunctionExpression') {
      if (item.functionName.toUpperCase() === 'FIELDS') {
        for (const f of obj.fields()) out.push(fieldColumn(f, f.name));
        continue;
      }
      const name = item.alias ?? `expr${expr++}`;
      const display = item.rawValue ?? `${item.functionName}()`;
      const counts = /^count(_distinct)?$/i.test(item.functionName);
      out.push({
        ...emptyColumn(name, display),
        aggregate: true,
        apexType: counts ? 'Integer' : null,
        numberType: counts,
      });
    } else if (item.type === 'FieldTypeof') {
      out.push(emptyColumn(item.field, item.field));
    }
  }
  return out;
}

function emptyColumn(columnName: string, displayName: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName,
    custom: false,
    displayName,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

/** Call after the query has run once (so it is known valid for this user). */
export function queryColumns(soql: string, schema: SoqlSchema): Record<string, unknown> {
  const ast: Query = parseSoql(soql).ast;
  const obj = schema.getObject(ast.sObject ?? '');
  const columns = obj ? columnsOf(schema, obj, ast.fields ?? []) : [];
  return {
    columnMetadata: columns,
    entityName: obj?.name ?? ast.sObject ?? null,
    groupBy: ast.groupBy !== undefined,
    idSelected: columns.some((c) => c.columnName === 'Id'),
    keyPrefix: obj?.keyPrefix ?? null,
  };
}
