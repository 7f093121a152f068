// Request bodies of Bulk API 2.0: the JSON job definitions (with Salesforce's JSON_PARSER_ERROR for
// malformed JSON), the media types each resource accepts, and the multipart create-with-data request.
import { header, type Incoming } from '../http/http-types.ts';
import { parseJsonBody } from '../http/json-text.ts';
import { ApiError } from '../model/errors.ts';
import { unsupportedMediaType } from './bulk-errors.ts';

export function mediaType(req: Incoming): string | undefined {
  const type = header(req.headers, 'content-type');
  return type ? type.split(';')[0]!.trim().toLowerCase() : undefined;
}

/** The JSON object of a POST/PATCH; a body of another media type is 415, as on the REST API. */
export function jsonObject(req: Incoming): Record<string, unknown> {
  const type = mediaType(req);
  if (req.body && type !== undefined && type !== 'application/json') throw unsupportedMediaType(type);
  const value = parseJsonBody(req.body);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of job info from the request body');
  }
  return value as Record<string, unknown>;
}

export function bodyBytes(req: Incoming): Buffer {
  return req.bodyBytes ?? Buffer.from(req.body ?? '', 'utf8');
}

export interface MultipartJob {
  job: Record<string, unknown>;
  content: Buffer;
}

/** A multipart/form-data create request: the "job" part (JSON) and the "content" part (CSV). */
export function multipartJob(req: Incoming): MultipartJob {
  const type = header(req.headers, 'content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const body = bodyBytes(req);
  if (!boundary) throw new ApiError(400, 'INVALIDJOB', 'The multipart request has no boundary');
  const parts = new Map<string, Buffer>();
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next);
    const split = part.indexOf('\r\n\r\n') >= 0 ? part.indexOf('\r\n\r\n') : part.indexOf('\n\n');
    if (split >= 0) {
      const head = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]+)"/i.exec(head)?.[1];
      let content = part.subarray(split + (part[split] === 0x0d ? 4 : 2));
      // The line break before the next boundary belongs to the delimiter, not the content.
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      else if (content.subarray(-1).toString() === '\n') content = content.subarray(0, -1);
      if (name) parts.set(name, content);
    }
    pos = next;
  }
  const jobPart = parts.get('job');
  if (!jobPart) throw new ApiError(400, 'INVALIDJOB', 'The multipart request has no job part');
  const job = parseJsonBody(jobPart.toString('utf8'));
  if (job === null || typeof job !== 'object' || Array.isArray(job))
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The job part is not a JSON object');
  return { job: job as Record<string, unknown>, content: parts.get('content') ?? Buffer.alloc(0) };
}
