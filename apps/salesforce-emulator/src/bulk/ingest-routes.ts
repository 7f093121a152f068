// Ingest jobs: create (JSON, or multipart with the data), upload (PUT …/batches, once), close or
// abort (PATCH state), info, delete, and the three result CSVs.
import { header, type Incoming } from '../http/http-types.ts';
import {
  abortNotAllowed,
  closeNotAllowed,
  deleteNotAllowed,
  entityNotSupported,
  externalIdInvalid,
  externalIdMissing,
  invalidJob,
  invalidTargetState,
  multipleUploads,
  resultsNotReady,
  unknownEntity,
  unsupportedMediaType,
  uploadNotAllowed,
  uploadTooLarge,
} from './bulk-errors.ts';
import type { BulkContext, BulkResponse } from './bulk-router.ts';
import { renderResults, type ResultKind } from './ingest-results.ts';
import { startIngest } from './ingest-processor.ts';
import { csvOptions, infoResponse, stateLabel, stringField } from './job-options.ts';
import { INGEST_OPERATIONS, TERMINAL, type IngestJob, type IngestOperation } from './job-model.ts';
import { bulkStore } from './job-store.ts';
import { setState } from './job-runner.ts';
import { bodyBytes, jsonObject, mediaType, multipartJob } from './request-body.ts';

/** 150 MB of base64-encoded content per upload (documented); about 112.5 MB of CSV. */
export const UPLOAD_LIMIT_BASE64 = 150 * 1024 * 1024;

function defineJob(ctx: BulkContext, body: Record<string, unknown>): IngestJob {
  const objectName = stringField(body, 'object');
  if (!objectName) throw invalidJob('Invalid job: the object is required');
  const operation = stringField(body, 'operation');
  if (!operation) throw invalidJob('Invalid job: the operation is required');
  if (!INGEST_OPERATIONS.includes(operation as IngestOperation)) throw invalidJob(`Invalid operation: ${operation}`);
  const options = csvOptions(body);
  const def = ctx.org.schema.getObject(objectName);
  if (!def) throw unknownEntity(objectName);
  if (!def.keyPrefix) throw entityNotSupported(def.name);
  let externalIdFieldName: string | undefined;
  if (operation === 'upsert') {
    const name = stringField(body, 'externalIdFieldName');
    if (!name) throw externalIdMissing(def.name);
    const field = def.fieldMap.get(name.toLowerCase());
    if (!field || !(field.externalId || field.idLookup)) throw externalIdInvalid(name, def.name);
    externalIdFieldName = field.name;
  }
  const assignmentRuleId = stringField(body, 'assignmentRuleId');
  return {
    kind: 'ingest',
    id: ctx.org.ids.next('750'),
    operation: operation as IngestOperation,
    object: def.name,
    externalIdFieldName,
    assignmentRuleId,
    createdById: ctx.userId,
    createdMs: ctx.nowMs,
    modstampMs: ctx.nowMs,
    state: 'Open',
    apiVersion: ctx.apiVersion,
    ...options,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    processingMs: 0,
    uploads: [],
  };
}

export function createIngestJob(ctx: BulkContext, req: Incoming): BulkResponse {
  const multipart = mediaType(req) === 'multipart/form-data' ? multipartJob(req) : undefined;
  const job = defineJob(ctx, multipart ? multipart.job : jsonObject(req));
  bulkStore(ctx.org).add(job);
  if (multipart) {
    // A multipart create carries the data: the job starts UploadComplete and is queued at once.
    job.uploads.push(multipart.content);
    job.state = 'UploadComplete';
    startIngest(ctx.rt, ctx.org, job);
  }
  return infoResponse(job, 'create');
}

export function uploadJobData(ctx: BulkContext, req: Incoming, job: IngestJob): BulkResponse {
  const type = mediaType(req);
  if (type !== 'text/csv') throw unsupportedMediaType(type ?? header(req.headers, 'content-type') ?? '');
  if (job.state !== 'Open') throw uploadNotAllowed(job.state);
  const data = bodyBytes(req);
  if (Math.ceil(data.length / 3) * 4 > UPLOAD_LIMIT_BASE64) throw uploadTooLarge(UPLOAD_LIMIT_BASE64);
  job.uploads.push(data);
  setState(ctx.rt, job, 'Open');
  return { status: 201, text: '' };
}

export function patchIngestJob(ctx: BulkContext, req: Incoming, job: IngestJob): BulkResponse {
  const state = jsonObject(req).state;
  if (state === 'UploadComplete') {
    if (job.state !== 'Open') throw closeNotAllowed(stateLabel(job.state));
    if (job.uploads.length > 1) throw multipleUploads(job.id.slice(0, 15));
    setState(ctx.rt, job, 'UploadComplete');
    startIngest(ctx.rt, ctx.org, job);
  } else if (state === 'Aborted') {
    if (TERMINAL.has(job.state)) throw abortNotAllowed(stateLabel(job.state));
    setState(ctx.rt, job, 'Aborted');
  } else {
    throw invalidTargetState(String(state));
  }
  return infoResponse(job, 'patch');
}

export function deleteIngestJob(ctx: BulkContext, job: IngestJob): BulkResponse {
  // Documented: UploadComplete, JobComplete, Aborted or Failed.
  if (job.state === 'Open' || job.state === 'InProgress') throw deleteNotAllowed();
  job.deleted = true;
  bulkStore(ctx.org).delete(job.id);
  return { status: 204 };
}

export function ingestResults(job: IngestJob, kind: ResultKind): BulkResponse {
  if (!TERMINAL.has(job.state)) throw resultsNotReady(job.state);
  return { status: 200, text: renderResults(job, kind), headers: { 'Content-Type': 'text/csv' } };
}
