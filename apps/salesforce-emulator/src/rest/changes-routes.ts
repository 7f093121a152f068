// sObject Get Updated / Get Deleted: ids changed (SystemModstamp) or deleted in a time window.
import { ApiError } from '../model/errors.ts';
import { formatDateTime, parseDateTime } from '../model/value-coercion.ts';
import { requireObject } from './describe-routes.ts';
import { ok, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

export function changedRecords(
  ctx: RestContext,
  req: RestRequest,
  objectName: string,
  kind: 'updated' | 'deleted',
): RestResponse {
  const def = requireObject(ctx, objectName);
  const start = parseDateTime(req.query.get('start') ?? '');
  const end = parseDateTime(req.query.get('end') ?? '');
  if (start === undefined || end === undefined || end < start) {
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'start and end must be valid dates, with start before end');
  }
  const latest = formatDateTime(Math.min(end, ctx.nowMs) - (Math.min(end, ctx.nowMs) % 60000));
  if (kind === 'deleted') {
    const deletedRecords = ctx.org.records
      .deletedSince(def.name)
      .filter((d) => d.deletedMs >= start && d.deletedMs < end)
      .map((d) => ({ deletedDate: formatDateTime(d.deletedMs), id: d.id }));
    return ok({ deletedRecords, earliestDateAvailable: formatDateTime(ctx.org.createdMs), latestDateCovered: latest });
  }
  const ids: string[] = [];
  for (const row of ctx.org.records.scan(def.name, false)) {
    const t = parseDateTime(String(row.SystemModstamp ?? ''));
    if (t !== undefined && t >= start && t < end) ids.push(String(row.Id));
  }
  return ok({ ids, latestDateCovered: latest });
}
