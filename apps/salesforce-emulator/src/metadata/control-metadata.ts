// Control-plane views of an org's Metadata API state, for tests: components by type, one component as
// readMetadata returns it, and the deploys with their results.
import type { Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import { listComponents, readComponent } from './component-ops.ts';
import { deployResult } from './deploy-queue.ts';
import { pumpDeploys } from './deploy-service.ts';
import { typeName } from './metadata-types.ts';
import { openWorkspace } from './workspace.ts';

type Handler = (
  rt: Runtime,
  p: Record<string, string>,
  body: Record<string, unknown>,
  query: URLSearchParams,
) => unknown;

export function metadataRoutes(org: (rt: Runtime, id: string | undefined) => Org): Array<[string, RegExp, Handler]> {
  const ws = (rt: Runtime, o: Org) => openWorkspace(o, o.adminUserId, rt.state.clock.now());
  return [
    [
      'GET',
      /^\/orgs\/(?<org>\w+)\/metadata\/(?<type>\w+)$/,
      (rt, p) => {
        const o = org(rt, p.org);
        return listComponents(ws(rt, o), typeName(p.type!) ?? p.type!).map((c) => ({
          type: c.type,
          fullName: c.fullName,
          id: c.id,
        }));
      },
    ],
    [
      'GET',
      /^\/orgs\/(?<org>\w+)\/metadata\/(?<type>\w+)\/(?<name>[^/]+)$/,
      (rt, p) => {
        const o = org(rt, p.org);
        return readComponent(ws(rt, o), typeName(p.type!) ?? p.type!, decodeURIComponent(p.name!)) ?? null;
      },
    ],
    [
      'GET',
      /^\/orgs\/(?<org>\w+)\/deploys$/,
      (rt, p) => {
        const o = org(rt, p.org);
        pumpDeploys(o, () => rt.state.clock.now());
        return [...o.metadata.deploys.jobs.values()].map((j) => deployResult(j, true));
      },
    ],
  ];
}
