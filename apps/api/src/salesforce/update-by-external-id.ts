import type { CompositeSubresponse, SalesforceClient } from './sf-client.ts';
import { SalesforceError } from './sf-errors.ts';
import type { UpsertOutcome } from './collections.ts';

export const COMPOSITE_MAX = 25;

export interface ExternalIdUpdate {
  object: string;
  externalIdField: string;
  externalId: string;
  fields: Record<string, unknown>;
}

/**
 * Updates existing records found by external id, never creating one: up to 25
 * PATCH /sobjects/{object}/{field}/{value}?updateOnly=true subrequests in one composite call
 * (allOrNone false; a missing record is that row's NOT_FOUND). Setting the same values twice is the
 * same record, so a transient failure is retried.
 */
export async function updateByExternalId(client: SalesforceClient, rows: ExternalIdUpdate[]): Promise<UpsertOutcome[]> {
  if (rows.length === 0) return [];
  if (rows.length > COMPOSITE_MAX) throw new Error(`a composite request holds at most ${COMPOSITE_MAX} subrequests`);
  const res = await client.request({
    method: 'POST',
    path: client.dataPath('/composite'),
    body: {
      allOrNone: false,
      compositeRequest: rows.map((r, i) => ({
        method: 'PATCH',
        url: client.dataPath(
          `/sobjects/${encodeURIComponent(r.object)}/${encodeURIComponent(r.externalIdField)}/` +
            `${encodeURIComponent(r.externalId)}?updateOnly=true`,
        ),
        referenceId: `r${i}`,
        body: r.fields,
      })),
    },
    idempotent: true,
  });
  const out = (res.body as { compositeResponse?: CompositeSubresponse[] })?.compositeResponse;
  if (!Array.isArray(out) || out.length !== rows.length)
    throw new SalesforceError('terminal', 'INVALID_RESPONSE', 'the composite answer does not list every subrequest');
  return out.map((s) => {
    if (s.httpStatusCode < 300) {
      const b = (s.body ?? {}) as { id?: string };
      return { id: b.id ?? null, success: true, created: false, errors: [] };
    }
    const errs = Array.isArray(s.body)
      ? (s.body as Array<{ errorCode?: string; message?: string; fields?: string[] }>)
      : [];
    return {
      id: null,
      success: false,
      created: null,
      errors: errs.length
        ? errs.map((e) => ({ code: e.errorCode ?? 'UNKNOWN_ERROR', message: e.message ?? '', fields: e.fields ?? [] }))
        : [{ code: `HTTP_${s.httpStatusCode}`, message: 'Salesforce refused the update', fields: [] }],
    };
  });
}
