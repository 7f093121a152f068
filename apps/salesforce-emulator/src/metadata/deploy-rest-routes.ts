// /services/data/vXX.X/metadata/deployRequest (stub until the deploy engine lands).
import { notFound } from '../model/errors.ts';
import type { RestContext, RestRequest, RestResponse } from '../rest/rest-types.ts';

export function routeMetadataRest(_ctx: RestContext, _req: RestRequest, _rest: readonly string[]): RestResponse {
  throw notFound();
}
