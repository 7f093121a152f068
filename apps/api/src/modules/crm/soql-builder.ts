// Structured CRM reads → SOQL. Names come only from the resolver (topology or strict grammar),
// values only from soql-literals: no caller text is ever concatenated into a query unescaped.
import { Errors } from '../../http/errors.ts';
import type { NameResolver } from './name-resolver.ts';
import { type LiteralType, literal, literalTypeOfField, quoted, type Scalar } from './soql-literals.ts';

export interface FilterInput {
  field: string;
  op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'in' | 'not_in' | 'contains' | 'starts_with' | 'ends_with';
  value: Scalar | Scalar[];
  type?: LiteralType | undefined;
}

const OPS: Record<string, string> = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'LIKE' };

export async function whereClause(names: NameResolver, object: string, filters: FilterInput[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of filters) {
    const { path, type } = await names.field(object, f.field);
    const litType = f.type ?? literalTypeOfField(type);
    const one = (v: Scalar) => literal(v, litType, path);
    if (f.op === 'in' || f.op === 'not_in') {
      if (!Array.isArray(f.value)) throw Errors.invalid(`Operator ${f.op} requires a list value`, { field: f.field });
      out.push(`${path} ${f.op === 'in' ? 'IN' : 'NOT IN'} (${f.value.map(one).join(', ')})`);
      continue;
    }
    if (Array.isArray(f.value))
      throw Errors.invalid(`Operator ${f.op} takes one value, not a list`, { field: f.field });
    if (f.op === 'contains' || f.op === 'starts_with' || f.op === 'ends_with') {
      if (typeof f.value !== 'string') throw Errors.invalid(`Operator ${f.op} takes a string`, { field: f.field });
      // The value is literal text: % and _ are escaped so they match themselves.
      const body = quoted(f.value, true).slice(1, -1);
      const pattern = f.op === 'contains' ? `%${body}%` : f.op === 'starts_with' ? `${body}%` : `%${body}`;
      out.push(`${path} LIKE '${pattern}'`);
      continue;
    }
    if (f.op === 'like') {
      if (typeof f.value !== 'string') throw Errors.invalid('Operator like takes a string pattern', { field: f.field });
      out.push(`${path} LIKE ${quoted(f.value)}`); // % and _ in the pattern stay wildcards, by request
      continue;
    }
    if (f.value === null && f.op !== 'eq' && f.op !== 'neq')
      throw Errors.invalid(`Operator ${f.op} cannot compare with null`, { field: f.field });
    out.push(`${path} ${OPS[f.op]} ${one(f.value)}`);
  }
  return out;
}

export async function selectList(names: NameResolver, object: string, fields: string[]): Promise<string> {
  const resolved: string[] = [];
  for (const f of fields) resolved.push((await names.field(object, f)).path);
  return [...new Set(resolved)].join(', ');
}

export function soql(parts: {
  select: string;
  from: string;
  where?: string[];
  orderBy?: string[];
  limit?: number | undefined;
  offset?: number | undefined;
}): string {
  let q = `SELECT ${parts.select} FROM ${parts.from}`;
  if (parts.where?.length)
    q += ` WHERE ${parts.where.map((w) => (parts.where!.length > 1 ? `(${w})` : w)).join(' AND ')}`;
  if (parts.orderBy?.length) q += ` ORDER BY ${parts.orderBy.join(', ')}`;
  if (parts.limit !== undefined) q += ` LIMIT ${parts.limit}`;
  if (parts.offset !== undefined) q += ` OFFSET ${parts.offset}`;
  return q;
}
