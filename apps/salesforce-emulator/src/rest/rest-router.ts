// Routes /services/data/vXX.X/<segments> to its handler. Used by the HTTP server and, in-process, by
// the composite resources for their subrequests. Every thrown ApiError becomes Salesforce's error body.
import { ApiError, notFound } from '../model/errors.ts';
import { runBatch } from './batch-routes.ts';
import { collections, collectionsForType, collectionsUpsert } from './collections-routes.ts';
import { runComposite } from './composite-routes.ts';
import { basicInfo, describeGlobal, describeObject, requireObject } from './describe-routes.ts';
import { limits, recordCount } from './limits-routes.ts';
import { queryMore, runQuery } from './query-routes.ts';
import { createRecord, recordByExternalId, recordById } from './record-routes.ts';
import { changedRecords } from './changes-routes.ts';
import {
  errorResponse,
  methodNotAllowed,
  ok,
  type RestContext,
  type RestRequest,
  type RestResponse,
} from './rest-types.ts';
import { createTree } from './tree-routes.ts';
import { describeSubresource, objectSubresource, versionUiResource } from './ui-resources.ts';
import { resourcesFor } from './versions.ts';
import { routeTooling } from '../tooling/tooling-router.ts';
import { routeMetadataRest } from '../metadata/deploy-rest-routes.ts';

const GET = ['GET', 'HEAD'];

function only(req: RestRequest, allowed: string[]): void {
  if (!allowed.includes(req.method)) throw methodNotAllowed(req.method, allowed);
}

function sobjects(ctx: RestContext, req: RestRequest, rest: readonly string[]): RestResponse {
  const [name, second, third, ...more] = rest;
  if (name === undefined) {
    only(req, GET);
    return describeGlobal(ctx, req);
  }
  if (second === undefined) {
    if (req.method === 'POST') return createRecord(ctx, req, requireObject(ctx, name));
    only(req, ['GET', 'HEAD', 'POST']);
    return basicInfo(ctx, name);
  }
  if (third === undefined) {
    if (second === 'describe') {
      only(req, GET);
      return describeObject(ctx, req, name);
    }
    if (second === 'deleted' || second === 'updated') {
      only(req, GET);
      return changedRecords(ctx, req, name, second);
    }
  }
  if (second === 'listviews' || second === 'quickActions') {
    requireObject(ctx, name);
    return objectSubresource(req, second, third === undefined ? [] : [third, ...more])!;
  }
  if (second === 'describe' && third !== undefined) {
    const out = describeSubresource(ctx, req, requireObject(ctx, name), third, more);
    if (out) return out;
    throw notFound();
  }
  if (third === undefined) return recordById(ctx, req, name, second);
  if (more.length > 0) throw notFound();
  return recordByExternalId(ctx, req, name, second, third);
}

function composite(ctx: RestContext, req: RestRequest, rest: readonly string[]): RestResponse {
  const [kind, a, b, ...more] = rest;
  if (kind === undefined) {
    if (req.method === 'POST') return runComposite(ctx, req);
    only(req, ['GET', 'HEAD', 'POST']);
    const base = `/services/data/v${ctx.apiVersion}/composite`;
    return ok({ tree: `${base}/tree`, batch: `${base}/batch`, sobjects: `${base}/sobjects`, graph: `${base}/graph` });
  }
  if (kind === 'batch' && a === undefined) return runBatch(ctx, req);
  if (kind === 'tree' && a !== undefined && b === undefined) return createTree(ctx, req, a);
  if (kind === 'sobjects' && more.length === 0) {
    if (a === undefined) return collections(ctx, req);
    if (b === undefined) return collectionsForType(ctx, req, a);
    return collectionsUpsert(ctx, req, a, b);
  }
  throw notFound();
}

export function routeRest(ctx: RestContext, req: RestRequest): RestResponse {
  try {
    const [first, ...rest] = req.segments;
    switch (first) {
      case undefined:
        only(req, GET);
        return ok(resourcesFor(ctx.apiVersion, `${ctx.instanceUrl}/id/${ctx.org.id}/${ctx.userId}`));
      case 'sobjects':
        return sobjects(ctx, req, rest);
      case 'query':
      case 'queryAll':
        if (rest.length === 0) return runQuery(ctx, req, first === 'queryAll');
        if (rest.length === 1) return queryMore(ctx, req, rest[0]!);
        throw notFound();
      case 'limits':
        if (rest.length === 0) return limits(ctx, req);
        if (rest.length === 1 && rest[0] === 'recordCount') {
          only(req, GET);
          return recordCount(ctx, req);
        }
        throw notFound();
      case 'composite':
        return composite(ctx, req, rest);
      case 'tooling':
        return routeTooling(ctx, req, rest);
      case 'metadata':
        return routeMetadataRest(ctx, req, rest);
      default: {
        const ui = first === undefined ? undefined : versionUiResource(ctx, req, first, rest);
        if (ui) return ui;
        throw notFound();
      }
    }
  } catch (err) {
    if (err instanceof ApiError) return errorResponse(err);
    throw err;
  }
}
