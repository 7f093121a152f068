import type { SalesforceClient } from './sf-client.ts';
import { SalesforceError } from './sf-errors.ts';

export const COLLECTION_MAX = 200;

export interface UpsertOutcome {
  id: string | null;
  success: boolean;
  created: boolean | null;
  errors: Array<{ code: string; message: string; fields: string[] }>;
}

interface RawResult {
  id?: string | null;
  success?: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

/**
 * sObject Collections upsert by external id: PATCH /composite/sobjects/{object}/{externalIdField}, up
 * to 200 records of one type, allOrNone false, results in the order sent. Upsert by external id is
 * idempotent (a second send updates the record the first created), so a transient failure is retried.
 */
export async function upsertCollection(
  client: SalesforceClient,
  object: string,
  externalIdField: string,
  records: Array<Record<string, unknown>>,
): Promise<UpsertOutcome[]> {
  if (records.length === 0) return [];
  if (records.length > COLLECTION_MAX) throw new Error(`a collection holds at most ${COLLECTION_MAX} records`);
  const res = await client.request({
    method: 'PATCH',
    path: client.dataPath(`/composite/sobjects/${encodeURIComponent(object)}/${encodeURIComponent(externalIdField)}`),
    body: { allOrNone: false, records: records.map((r) => ({ attributes: { type: object }, ...r })) },
    idempotent: true,
  });
  const list = res.body as RawResult[];
  if (!Array.isArray(list) || list.length !== records.length)
    throw new SalesforceError('terminal', 'INVALID_RESPONSE', 'the collection answer does not list every record');
  return list.map((r) => ({
    id: r.id ?? null,
    success: r.success === true,
    created: typeof r.created === 'boolean' ? r.created : null,
    errors: (r.errors ?? []).map((e) => ({
      code: e.statusCode ?? 'UNKNOWN_ERROR',
      message: e.message ?? '',
      fields: e.fields ?? [],
    })),
  }));
}
