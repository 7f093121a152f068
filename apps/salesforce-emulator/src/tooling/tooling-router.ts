// /services/data/vXX.X/tooling/... (stub until the Tooling API lands).
import { notFound } from '../model/errors.ts';
import type { RestContext, RestRequest, RestResponse } from '../rest/rest-types.ts';

export function routeTooling(_ctx: RestContext, _req: RestRequest, _rest: readonly string[]): RestResponse {
  throw notFound();
}
