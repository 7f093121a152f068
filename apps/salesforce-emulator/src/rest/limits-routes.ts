// /limits (the org's allocations and what remains, DailyApiRequests reflecting real usage) and
// /limits/recordCount. The set of limits and their Developer Edition values follow a real
// Developer Edition org's /limits response.
import { bulkLimitEntries } from '../bulk/bulk-limits.ts';
import { ApiError } from '../model/errors.ts';
import { ok, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const STATIC_LIMITS: Array<[string, number]> = [
  ['AnalyticsExternalDataSizeMB', 40960],
  ['ConcurrentAsyncGetReportInstances', 200],
  ['ConcurrentEinsteinDataInsightsStoryCreation', 5],
  ['ConcurrentEinsteinDiscoveryStoryCreation', 2],
  ['ConcurrentSyncReportRuns', 20],
  ['DailyAnalyticsDataflowJobExecutions', 60],
  ['DailyAnalyticsUploadedFilesSizeMB', 51200],
  ['DailyAsyncApexExecutions', 250000],
  ['DailyDurableGenericStreamingApiEvents', 10000],
  ['DailyDurableStreamingApiEvents', 10000],
  ['DailyEinsteinDataInsightsStoryCreation', 1000],
  ['DailyEinsteinDiscoveryPredictAPICalls', 50000],
  ['DailyEinsteinDiscoveryPredictionsByCDC', 500000],
  ['DailyEinsteinDiscoveryStoryCreation', 20],
  ['DailyGenericStreamingApiEvents', 10000],
  ['DailyStandardVolumePlatformEvents', 10000],
  ['DailyStreamingApiEvents', 10000],
  ['DailyWorkflowEmails', 195],
  ['DurableStreamingApiConcurrentClients', 20],
  ['FileStorageMB', 20],
  ['HourlyAsyncReportRuns', 1200],
  ['HourlyDashboardRefreshes', 200],
  ['HourlyDashboardResults', 5000],
  ['HourlyDashboardStatuses', 999999999],
  ['HourlyLongTermIdMapping', 100000],
  ['HourlyODataCallout', 1000],
  ['HourlyPublishedPlatformEvents', 50000],
  ['HourlyPublishedStandardVolumePlatformEvents', 1000],
  ['HourlyShortTermIdMapping', 100000],
  ['HourlySyncReportRuns', 500],
  ['HourlyTimeBasedWorkflow', 50],
  ['MassEmail', 10],
  ['MonthlyEinsteinDiscoveryStoryCreation', 500],
  ['MonthlyPlatformEvents', 300000],
  ['Package2VersionCreates', 6],
  ['PermissionSets', 1500],
  ['SingleEmail', 15],
  ['StreamingApiConcurrentClients', 20],
];

export function limits(ctx: RestContext, req: RestRequest): RestResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`);
  }
  const org = ctx.org;
  const max = org.settings.apiDailyLimit;
  const used = org.usage.used(ctx.nowMs);
  const out: Record<string, unknown> = {};
  const entries: Array<[string, unknown]> = STATIC_LIMITS.map(([k, v]) => [k, { Max: v, Remaining: v }]);
  const apps: Record<string, unknown> = {};
  for (const app of org.apps.values()) apps[app.name] = { Max: 0, Remaining: 0 };
  entries.push(...bulkLimitEntries(org, ctx.nowMs));
  entries.push(['DailyApiRequests', { Max: max, Remaining: Math.max(0, max - used), ...apps }]);
  const dataMax = org.settings.edition === 'Developer Edition' ? 5 : 1024;
  entries.push(['DataStorageMB', { Max: dataMax, Remaining: Math.max(0, dataMax - org.dataStorageMb()) }]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [k, v] of entries) out[k] = v;
  return ok(out);
}

export function recordCount(ctx: RestContext, req: RestRequest): RestResponse {
  const wanted = req.query.get('sObjects');
  const names = wanted
    ? wanted
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ctx.org.records.objectNames();
  const sObjects = [];
  for (const n of names) {
    const def = ctx.org.schema.getObject(n);
    if (def) sObjects.push({ count: ctx.org.records.count(def.name), name: def.name });
  }
  return ok({ sObjects });
}
