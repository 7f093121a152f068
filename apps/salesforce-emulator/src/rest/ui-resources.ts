// Resources Salesforce advertises (in the version's resource list and in each describe's `urls`) whose
// content belongs to the UI (layouts, list views, quick actions, tabs, themes, menus, approvals). The
// emulator has no UI configuration, so each answers in Salesforce's shape with empty content rather
// than a 404: a client that walks the advertised URLs sees an org with nothing configured.
import { notFound } from '../model/errors.ts';
import type { ObjectDef } from '../schema/types.ts';
import { methodNotAllowed, ok, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const GET = ['GET', 'HEAD'];

function onlyGet(req: RestRequest): void {
  if (!GET.includes(req.method)) throw methodNotAllowed(req.method, GET);
}

const EMPTY_LAYOUTS = () => ({ layouts: [], recordTypeMappings: [], recordTypeSelectorRequired: [false] });

/** /sobjects/{name}/describe/{kind}[/…]; undefined when `kind` is not one of these. */
export function describeSubresource(
  ctx: RestContext,
  req: RestRequest,
  def: ObjectDef,
  kind: string,
  rest: readonly string[],
): RestResponse | undefined {
  const base = `/services/data/v${ctx.apiVersion}/sobjects/${def.name}`;
  switch (kind) {
    case 'layouts':
      // layouts/{recordTypeId}: a single layout description; with no layouts configured, empty.
      if (rest.length > 1) throw notFound();
      onlyGet(req);
      return ok(EMPTY_LAYOUTS());
    case 'namedLayouts':
      if (rest.length !== 1) throw notFound();
      onlyGet(req);
      return ok(EMPTY_LAYOUTS());
    case 'compactLayouts':
      if (rest.length > 1) throw notFound();
      onlyGet(req);
      if (rest.length === 1) return ok({ compactLayouts: [] });
      return ok({
        compactLayouts: [],
        defaultCompactLayoutId: null,
        recordTypeCompactLayoutMappings: [],
        urls: { compactLayouts: `${base}/describe/compactLayouts`, sobject: base },
      });
    case 'approvalLayouts':
      if (rest.length > 1) throw notFound();
      onlyGet(req);
      return ok({ approvalLayouts: [] });
    default:
      return undefined;
  }
}

/** /sobjects/{name}/listviews…, /quickActions…; undefined when `kind` is not one of these. */
export function objectSubresource(req: RestRequest, kind: string, rest: readonly string[]): RestResponse | undefined {
  if (kind === 'listviews') {
    // No list views exist, so any list view id (and its results or describe) is not found.
    if (rest.length > 0) throw notFound();
    onlyGet(req);
    return ok({ done: true, listviews: [], nextRecordsUrl: null, size: 0 });
  }
  if (kind === 'quickActions') {
    if (rest.length > 0) throw notFound();
    onlyGet(req);
    return ok([]);
  }
  return undefined;
}

/** Version-level UI resources; undefined when `first` is not one of these. */
export function versionUiResource(ctx: RestContext, req: RestRequest, first: string, rest: readonly string[]) {
  const v = `/services/data/v${ctx.apiVersion}`;
  const leaf = (body: unknown) => {
    onlyGet(req);
    return ok(body);
  };
  const [a, ...more] = rest;
  switch (first) {
    case 'tabs':
    case 'recent':
    case 'quickActions':
      if (a !== undefined) throw notFound();
      return leaf([]);
    case 'theme':
      if (a !== undefined) throw notFound();
      return leaf({ themeItems: [] });
    case 'compactLayouts':
      if (a !== undefined) throw notFound();
      return leaf({});
    case 'appMenu':
      if (a === undefined)
        return leaf({ AppSwitcher: `${v}/appMenu/AppSwitcher`, Salesforce1: `${v}/appMenu/Salesforce1` });
      if ((a === 'AppSwitcher' || a === 'Salesforce1') && more.length === 0) return leaf({ appMenuItems: [] });
      throw notFound();
    case 'process':
      if (a === undefined) return leaf({ approvals: `${v}/process/approvals`, rules: `${v}/process/rules` });
      if (a === 'approvals' && more.length === 0) return leaf({ approvals: {} });
      if (a === 'rules' && more.length === 0) return leaf({ rules: {} });
      throw notFound();
    default:
      return undefined;
  }
}
