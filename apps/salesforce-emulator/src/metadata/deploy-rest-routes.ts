// /services/data/vXX.X/metadata/deployRequest: the REST face of deploy. POST a multipart body (a JSON
// part named "json" — jsforce names it "entity_content" — with {"deployOptions": …}, and the zip as the
// "file" part) → 201 {id, deployOptions, deployResult, url}; POST {"validatedDeployRequestId"} is a
// quick deploy; GET …/{id}[?includeDetails=true] is the status; PATCH {"deployResult":{"status":
// "Canceling"}} cancels (202).
import { ApiError, notFound } from '../model/errors.ts';
import { jsonBody, ok, type RestContext, type RestRequest, type RestResponse } from '../rest/rest-types.ts';
import { deployResult, type DeployJob, type DeployOptions } from './deploy-queue.ts';
import { cancelDeploy, MetadataFault, pumpDeploys, quickDeploy, submitDeploy } from './deploy-service.ts';

interface Part {
  name: string;
  body: Buffer;
}

function multipart(req: RestRequest): Part[] {
  const type = req.headers['content-type'] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const raw = req.bodyBytes ?? Buffer.from(req.bodyText ?? '', 'utf8');
  if (!boundary) throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'The multipart request has no boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const chunk = raw.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = chunk.indexOf('\r\n\r\n');
    const headers = split < 0 ? '' : chunk.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    parts.push({ name, body: split < 0 ? Buffer.alloc(0) : chunk.subarray(split + 4) });
    at = next;
  }
  return parts;
}

function view(ctx: RestContext, job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  const url = `${ctx.instanceUrl}/services/data/v${ctx.apiVersion}/metadata/deployRequest/${job.id}${includeDetails ? '?includeDetails=true' : ''}`;
  const out: Record<string, unknown> = {
    id: job.id,
    validatedDeployRequestId: job.validatedDeployRequestId ?? null,
    deployResult: deployResult(job, includeDetails),
    url,
    deployOptions: job.options,
  };
  return out;
}

function asApiError(err: unknown): never {
  if (err instanceof MetadataFault) throw new ApiError(400, err.code, err.message);
  throw err;
}

export function routeMetadataRest(ctx: RestContext, req: RestRequest, rest: readonly string[]): RestResponse {
  const [resource, id, ...more] = rest;
  if (resource === undefined && req.method === 'GET') {
    // The Metadata REST root lists its resources (the emulator serves deployRequest only; chosen).
    return { status: 200, body: { deployRequest: `/services/data/v${ctx.apiVersion}/metadata/deployRequest` } };
  }
  if (resource !== 'deployRequest' || more.length > 0) throw notFound();
  const clock = () => ctx.state.clock.now();
  if (id === undefined) {
    if (req.method !== 'POST')
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST`);
    try {
      const type = req.headers['content-type'] ?? '';
      if (/^multipart\/form-data/i.test(type)) {
        const parts = multipart(req);
        const json = parts.find((p) => p.name === 'json' || p.name === 'entity_content');
        const file = parts.find((p) => p.name === 'file');
        if (!file)
          throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'The multipart request has no "file" part with the zip');
        let options: Partial<DeployOptions> = {};
        if (json) {
          try {
            options =
              (JSON.parse(json.body.toString('utf8')) as { deployOptions?: Partial<DeployOptions> }).deployOptions ??
              {};
          } catch {
            throw new ApiError(400, 'JSON_PARSER_ERROR', 'The "json" part is not valid JSON');
          }
        }
        const job = submitDeploy(ctx.org, ctx.userId, clock, new Uint8Array(file.body), options);
        pumpDeploys(ctx.org, clock);
        return ok(view(ctx, job, false), 201);
      }
      const body = jsonBody(req) as { validatedDeployRequestId?: string } | null;
      if (!body || typeof body.validatedDeployRequestId !== 'string')
        throw new ApiError(
          400,
          'INVALID_MULTIPART_REQUEST',
          'A deploy request is a multipart body with the zip, or JSON with validatedDeployRequestId',
        );
      const job = quickDeploy(ctx.org, body.validatedDeployRequestId, ctx.userId, clock);
      pumpDeploys(ctx.org, clock);
      return ok(view(ctx, job, false), 201);
    } catch (err) {
      return asApiError(err);
    }
  }
  pumpDeploys(ctx.org, clock);
  const job = ctx.org.metadata.deploys.get(id);
  if (!job) throw notFound();
  if (req.method === 'GET' || req.method === 'HEAD')
    return ok(view(ctx, job, req.query.get('includeDetails') === 'true'));
  if (req.method === 'PATCH') {
    const body = jsonBody(req) as { deployResult?: { status?: string } } | null;
    if (body?.deployResult?.status !== 'Canceling')
      throw new ApiError(400, 'INVALID_STATUS', 'Only {"deployResult":{"status":"Canceling"}} can be patched');
    try {
      return ok(view(ctx, cancelDeploy(ctx.org, id, ctx.userId, clock), false), 202);
    } catch (err) {
      return asApiError(err);
    }
  }
  throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,PATCH`);
}
