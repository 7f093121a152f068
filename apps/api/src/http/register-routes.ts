import { ErrorBody } from '@sfx/contract';
import type { FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { App } from './fastify-types.ts';
import { principalOf, type Alternate, type RouteAuth, type RouteSpec } from './define-route.ts';
import type { AuditNote } from './principal.ts';

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500] as const;

function errorResponses(auth: RouteAuth): Record<number, typeof ErrorBody> {
  const statuses = auth.kind === 'public' ? ERROR_STATUSES.filter((s) => s !== 401 && s !== 403) : ERROR_STATUSES;
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody.describe(`Error (${s})`)]));
}

/** "List" endpoints accept `{}`; an empty body is the same as `{}`. */
async function emptyBodyIsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

export function registerRoutes(
  app: App,
  specs: RouteSpec[],
  hooks: { auth: (auth: RouteAuth) => onRequestHookHandler; audit: onSendHookHandler },
): void {
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: spec.url,
      config: { spec },
      schema: {
        operationId: spec.operationId,
        tags: [spec.tag],
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        ...(spec.raw ? {} : { response: { 200: spec.response, ...spec.otherResponses, ...errorResponses(spec.auth) } }),
        security: spec.auth.kind === 'public' ? [] : [{ bearer: [] }],
      },
      onRequest: hooks.auth(spec.auth),
      ...(spec.body ? { preValidation: emptyBodyIsObject } : {}),
      ...(spec.audit ? { onSend: hooks.audit } : {}),
      handler: async (request, reply) => {
        const result = await spec.handler({
          body: request.body,
          query: request.query,
          request,
          reply,
          caller: request.caller,
          principal: () => principalOf(request.caller),
          audit: (note: AuditNote) => Object.assign(request.auditNote, note),
          respond: (status: number, body: Record<string, unknown>) => {
            void reply.code(status);
            return body as Alternate;
          },
        });
        return spec.raw || spec.stream ? reply : result;
      },
    });
  }
}
