import type { Logger } from 'pino';
import type { Config } from './config/load-config.ts';
import { createClientsService } from './modules/clients/clients.service.ts';
import { createConnectFlow } from './modules/connections/connect-flow.ts';
import { ConnectionEvents } from './modules/connections/connection-events.ts';
import { ConnectionTokens } from './modules/connections/connection-tokens.ts';
import { createConnectionsService } from './modules/connections/connections.service.ts';
import { SalesforceAccess } from './modules/connections/salesforce-access.ts';
import { TokenVault } from './modules/connections/token-vault.ts';
import { createMappingsService } from './modules/mappings/mappings.service.ts';
import { pushJob } from './modules/push/push.jobs.ts';
import { createPushService } from './modules/push/push.service.ts';
import { createCrmService } from './modules/crm/crm.service.ts';
import { topologyPullJob } from './modules/topology/topology.jobs.ts';
import { createTopologyService } from './modules/topology/topology.service.ts';
import type { Clock } from './platform/clock.ts';
import { KeyRing } from './platform/crypto/envelope.ts';
import type { Database } from './platform/db/database.ts';
import type { JobPlatform } from './platform/jobs/job-platform.ts';
import { ApiBudget } from './salesforce/budget.ts';
import { NangoClient } from './salesforce/nango.ts';
import { SfHttp } from './salesforce/sf-http.ts';
import { SsrfGuard } from './salesforce/ssrf-guard.ts';

/**
 * The composition root of the domain: every service, built once from the runtime's parts and shared
 * by the HTTP app and the job workers (which run the same code in `npm run worker`).
 */
export function createServices(r: { config: Config; db: Database; jobs: JobPlatform; clock: Clock; logger: Logger }) {
  const { config, db, jobs, clock, logger } = r;
  const http = new SfHttp(new SsrfGuard(config.salesforce.allowedHosts), config.salesforce.timeoutMs);
  const budget = new ApiBudget(config.salesforce.reservePercent);
  const vault = new TokenVault(new KeyRing(config.secrets.encryptionKeys));
  const nango = config.nango.secretKey
    ? new NangoClient(http, {
        baseUrl: config.nango.baseUrl,
        secretKey: config.nango.secretKey,
        providerConfigKey: config.nango.providerConfigKey,
        connectUrl: config.nango.connectUrl,
      })
    : null;
  const events = new ConnectionEvents(db.system, clock, logger);
  const tokens = new ConnectionTokens({ db, vault, http, nango, config, clock, events, log: logger });
  const access = new SalesforceAccess({ db, http, tokens, budget, config });
  const clients = createClientsService({ db });
  const connections = createConnectionsService({ db, vault, http, nango, tokens, events, clock, log: logger });
  const connectFlow = createConnectFlow({ db, vault, http, nango, clients, events, config, clock, log: logger });
  const topology = createTopologyService({ db, jobs, access, clients });
  const mappings = createMappingsService({ db, clients });
  const push = createPushService({
    db,
    jobs,
    access,
    clients,
    bulkThreshold: config.salesforce.pushBulkThreshold,
  });
  const crm = createCrmService({ db, access, clients, clock });

  jobs.define(
    topologyPullJob({
      db,
      access,
      events,
      clock,
      log: logger,
      concurrency: config.salesforce.topologyConcurrency,
      retryLimit: config.jobs.retryLimit,
      retryDelaySeconds: config.jobs.retryDelaySeconds,
    }),
  );

  jobs.define(
    pushJob({
      db,
      access,
      clock,
      log: logger,
      concurrency: config.salesforce.pushConcurrency,
      retryLimit: config.jobs.retryLimit,
      retryDelaySeconds: config.jobs.retryDelaySeconds,
    }),
  );

  return {
    http,
    budget,
    vault,
    nango,
    events,
    tokens,
    access,
    clients,
    connections,
    connectFlow,
    topology,
    mappings,
    push,
    crm,
    close: () => http.close(),
  };
}
export type Services = ReturnType<typeof createServices>;
