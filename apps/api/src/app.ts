import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { LogController, type FastifyBaseLogger, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config/load-config.ts';
import { makeAuditHook } from './http/audit-hook.ts';
import { makeAuthHook } from './http/auth-hook.ts';
import { installErrorHandling } from './http/error-handler.ts';
import type { App } from './http/fastify-types.ts';
import { registerRoutes } from './http/register-routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { CredentialResolver } from './modules/auth/credential-resolver.ts';
import { clientsRoutes } from './modules/clients/clients.routes.ts';
import { crmRoutes } from './modules/crm/crm.routes.ts';
import { connectionsRoutes } from './modules/connections/connections.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { superAdminRoutes } from './modules/orgs/super-admin.routes.ts';
import { mappingsRoutes } from './modules/mappings/mappings.routes.ts';
import { pushRoutes } from './modules/push/push.routes.ts';
import { topologyRoutes } from './modules/topology/topology.routes.ts';
import { TokenUsageTracker } from './modules/tokens/token-usage.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { createTokensService } from './modules/tokens/tokens.service.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createUsersService } from './modules/users/users.service.ts';
import type { Clock } from './platform/clock.ts';
import type { JwtKeys } from './platform/crypto/jwt.ts';
import type { Database } from './platform/db/database.ts';
import { newId } from './platform/ids.ts';
import type { JobPlatform } from './platform/jobs/job-platform.ts';
import { RateLimiter } from './platform/rate-limiter.ts';
import type { Services } from './services.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  jobs: JobPlatform;
  clock: Clock;
  logger: Logger;
  jwt: JwtKeys;
  services: Services;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Builds the HTTP app from its dependencies. Never listens: main.ts does, tests use inject(). */
export async function buildApp(deps: AppDeps): Promise<App & { routeTable: RouteOptions[] }> {
  const { config, db, clock, logger, jwt } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One line per request, written by the onResponse hook below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routeTable.push(route));
  app.decorateRequest('caller', null as never);
  app.decorateRequest('auditNote', null as never);
  app.decorateRequest('errorCode', null);
  app.addHook('onRequest', async (request, reply) => {
    request.caller = { kind: 'anonymous' };
    request.auditNote = {};
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        reqId: request.id,
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  // Keep secure-json-parse's prototype-poisoning protection; only an empty body means "{}".
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    void defaultJson(request, body as string, done);
  });
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sfdc-engine-x',
        version: config.version,
        description: "Multi-tenant API to administer clients' Salesforce orgs.",
      },
      servers: [{ url: config.http.publicUrl }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token, a session access token, or (super-admin routes only) the super-admin secret.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const usage = new TokenUsageTracker(db.system, logger);
  app.addHook('onClose', async () => usage.close());
  const resolver = new CredentialResolver({ db: db.system, jwt, clock, cacheTtlMs: config.auth.cacheTtlMs, usage });
  const limiter = new RateLimiter(db.system, config.auth.login.windowSeconds);
  const { clients, connections, connectFlow, topology, mappings, push, crm } = deps.services;
  const specs = [
    ...healthRoutes({ db, jobs: deps.jobs, version: config.version }),
    ...superAdminRoutes({ db, clock }),
    ...authRoutes(createAuthService({ db: db.system, jwt, clock, limiter, auth: config.auth }), jwt),
    ...clientsRoutes(clients),
    ...usersRoutes(createUsersService({ db, clock })),
    ...tokensRoutes(createTokensService({ db, clock, usage })),
    ...auditRoutes({ db }),
    ...connectionsRoutes(connections, connectFlow),
    ...topologyRoutes(topology),
    ...mappingsRoutes(mappings),
    ...pushRoutes(push),
    ...crmRoutes(crm),
  ];
  registerRoutes(app, specs, {
    auth: makeAuthHook({ resolver, superAdminSecret: config.secrets.superAdminSecret }),
    audit: makeAuditHook({ db: db.system, clock, log: logger }),
  });

  app.get('/openapi.json', { schema: { hide: true }, config: { docs: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/reference',
    configuration: { url: '/openapi.json', title: 'sfdc-engine-x API' },
    logLevel: 'warn',
  });
  return Object.assign(app, { routeTable });
}
