// Bulk API 2.0's request-level errors. Texts marked "documented" or "recorded" come from Salesforce's
// guide or captured responses; the others were chosen in Salesforce's style where no source gives
// the exact text, and are listed in the README so they are easy to correct.
import { ApiError } from '../model/errors.ts';

const err = (status: number, code: string, message: string) => new ApiError(status, code, message);

/** Documented (Get Job Info, 404). */
export const jobNotFound = () => err(404, 'NOT_FOUND', 'The requested resource does not exist');

/** Documented for query jobs; used for ingest jobs too (both return this for a finished job). */
export const abortNotAllowed = (stateLabel: string) =>
  err(400, 'INVALIDJOBSTATE', `Aborting already ${stateLabel} Job not allowed`);

/** Chosen: closing a job that is no longer Open. */
export const closeNotAllowed = (stateLabel: string) =>
  err(400, 'INVALIDJOBSTATE', `Closing already ${stateLabel} Job not allowed`);

/** Chosen: a state other than UploadComplete or Aborted in PATCH. */
export const invalidTargetState = (state: string) => err(400, 'INVALIDJOBSTATE', `Invalid job state: ${state}`);

/** Recorded (Salesforce StackExchange 231917): a second PUT makes the close fail. Typo and 15-character id as sent. */
export const multipleUploads = (id15: string) =>
  err(
    400,
    'INVALIDJOB',
    `Found multipe contents for job: <${id15}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a ` +
      `new Job and make sure you only do 'PUT' once on a given Job.`,
  );

/** Chosen: uploading to a job that is no longer Open. */
export const uploadNotAllowed = (state: string) =>
  err(400, 'INVALIDJOBSTATE', `Unable to upload data to a job in state ${state}`);

/** Documented (Delete a Query Job); used for ingest jobs too. */
export const deleteNotAllowed = () =>
  err(400, 'API_ERROR', 'Error encountered when deleting the job because the job is not terminated');

/** Chosen: results of an ingest job that has not finished. */
export const resultsNotReady = (state: string) =>
  err(400, 'INVALIDJOBSTATE', `Results are not available for a job in state ${state}`);

/** Chosen after the research notes (JOB_NOT_COMPLETE). */
export const queryNotComplete = (state: string) =>
  err(400, 'JOB_NOT_COMPLETE', `Job is not complete. Current state: ${state}`);

/** Documented: results must be read with the version that created the job (409); the body is chosen. */
export const versionMismatch = (job: string, asked: string) =>
  err(
    409,
    'INVALIDJOB',
    `The job was created in API version ${job}; request its results with the same version (not ${asked}).`,
  );

/** Recorded (jsforce #545, Bulk API ClientInputError texts); "ClientInputError" upper-cased as Bulk 2.0 does. */
export const uploadTooLarge = (limit: number) =>
  err(400, 'CLIENTINPUTERROR', `Failed to read request. Exceeded max size limit of ${limit}`);

export const invalidJob = (message: string) => err(400, 'INVALIDJOB', message);

/** Recorded (Airbyte fixtures): an object the Bulk API does not support. */
export const entityNotSupported = (name: string) =>
  err(400, 'INVALIDENTITY', `Entity '${name}' is not supported by the Bulk API.`);

/** Chosen (Bulk API's InvalidEntity for an unknown object). */
export const unknownEntity = (name: string) => err(400, 'INVALIDENTITY', `Unable to find object: ${name}`);

/** Recorded (Bulk API InvalidJob text for an upsert without an external id). */
export const externalIdMissing = (object: string) =>
  err(400, 'INVALIDJOB', `External ID was blank for ${object}. An External ID must be specified for upsert.`);

export const externalIdInvalid = (field: string, object: string) =>
  err(400, 'INVALIDJOB', `The field name provided, ${field} is not an External Id or indexed field for ${object}`);

/** Recorded (Airbyte fixtures): the daily query-job allocation. */
export const queryJobLimit = (max: number, count: number) =>
  err(400, 'LIMIT_EXCEEDED', `Max bulk v2 query jobs (${max}) per 24 hrs has been reached (${count})`);

/** Recorded (Estuary connector): the daily query result storage. */
export const queryStorageLimit = (maxKb: number) =>
  err(400, 'LIMIT_EXCEEDED', `Max bulk v2 query result size stored (${maxKb}) kb per 24 hrs has been exceeded`);

/** Recorded: the query restrictions Bulk 2.0 reports at job creation (compound fields, child subqueries). */
export const compoundNotSupported = () => err(400, 'API_ERROR', 'Selecting compound data not supported in Bulk Query');
export const subqueryNotSupported = () =>
  err(400, 'API_ERROR', 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
/** Chosen for the other documented restrictions (GROUP BY, aggregates, OFFSET, TYPEOF). */
export const queryFeatureNotSupported = (what: string) =>
  err(400, 'API_ERROR', `${what} not supported in Bulk V2 Query`);

export const unsupportedMediaType = (type: string) =>
  err(415, 'UNSUPPORTED_MEDIA_TYPE', `MediaType of '${type}' is not supported by this resource`);

export const invalidLocator = () => err(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
export const invalidMaxRecords = (value: string) =>
  err(400, 'INVALID_FIELD', `maxRecords must be a positive integer: ${value}`);
