// Renders describeGlobal entries and sObject describes exactly in Salesforce's key order, with urls for
// the requested API version. Describe JSON is cached per ObjectDef (which is immutable, so a changed
// object is a new ObjectDef and its stale cache entries simply become unreachable).
import type { ObjectHeader } from './describe-completion.ts';
import type { FieldAccess, FieldDef, ObjectDef } from './types.ts';

const GLOBAL_ENTRY_KEYS = [
  'activateable',
  'associateEntityType',
  'associateParentEntity',
  'createable',
  'custom',
  'customSetting',
  'deepCloneable',
  'deletable',
  'deprecatedAndHidden',
  'feedEnabled',
  'hasSubtypes',
  'isInterface',
  'isSubtype',
  'keyPrefix',
  'label',
  'labelPlural',
  'layoutable',
  'mergeable',
  'mruEnabled',
  'name',
  'queryable',
  'replicateable',
  'retrieveable',
  'searchable',
  'triggerable',
  'undeletable',
  'updateable',
  'urls',
] as const;

const DESCRIBE_KEYS = [
  'actionOverrides',
  'activateable',
  'associateEntityType',
  'associateParentEntity',
  'childRelationships',
  'compactLayoutable',
  'createable',
  'custom',
  'customSetting',
  'deepCloneable',
  'defaultImplementation',
  'deletable',
  'deprecatedAndHidden',
  'extendedBy',
  'extendsInterfaces',
  'feedEnabled',
  'fields',
  'hasSubtypes',
  'implementedBy',
  'implementsInterfaces',
  'isInterface',
  'isSubtype',
  'keyPrefix',
  'label',
  'labelPlural',
  'layoutable',
  'listviewable',
  'lookupLayoutable',
  'mergeable',
  'mruEnabled',
  'name',
  'namedLayoutInfos',
  'networkScopeFieldName',
  'queryable',
  'recordTypeInfos',
  'replicateable',
  'retrieveable',
  'searchLayoutable',
  'searchable',
  'sobjectDescribeOption',
  'supportedScopes',
  'triggerable',
  'undeletable',
  'updateable',
  'urls',
] as const;

const URL_PATHS: Record<string, (base: string) => string> = {
  sobject: (b) => b,
  describe: (b) => `${b}/describe`,
  rowTemplate: (b) => `${b}/{ID}`,
  compactLayouts: (b) => `${b}/describe/compactLayouts`,
  approvalLayouts: (b) => `${b}/describe/approvalLayouts`,
  layouts: (b) => `${b}/describe/layouts`,
  namedLayouts: (b) => `${b}/describe/namedLayouts/{name}`,
  listviews: (b) => `${b}/listviews`,
  quickActions: (b) => `${b}/quickActions`,
  eventSchema: (b) => `${b}/eventSchema`,
  passwordUtilities: (b) => `${b.replace(/\/sobjects\/User$/, '')}/sobjects/User/{ID}/password`,
  caseArticleSuggestions: (b) => `${b}/suggestedArticles`,
  caseRowArticleSuggestions: (b) => `${b}/{ID}/suggestedArticles`,
  defaultValues: (b) => `${b}/defaultValues?recordTypeId&fields`,
};

export function objectUrls(header: Pick<ObjectHeader, 'name' | 'urlKeys'>, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${header.name}`;
  const urls: Record<string, string> = {};
  for (const key of header.urlKeys) {
    const make = URL_PATHS[key] ?? ((b: string) => `${b}/${key}`);
    urls[key] = make(base);
  }
  return urls;
}

export function globalEntry(header: ObjectHeader, apiVersion: string): Record<string, unknown> {
  const flags = header.flags as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of GLOBAL_ENTRY_KEYS) {
    if (key === 'urls') out.urls = objectUrls(header, apiVersion);
    else if (key === 'custom') out.custom = header.custom;
    else if (key === 'keyPrefix') out.keyPrefix = header.keyPrefix;
    else if (key === 'label') out.label = header.label;
    else if (key === 'labelPlural') out.labelPlural = header.labelPlural;
    else if (key === 'name') out.name = header.name;
    else out[key] = flags[key];
  }
  return out;
}

function renderField(obj: ObjectDef, f: FieldDef, access: FieldAccess): FieldDef {
  if (access.canEdit(obj, f)) return f;
  return { ...f, createable: false, updateable: false };
}

export function renderDescribe(
  obj: ObjectDef,
  apiVersion: string,
  instanceUrl: string,
  access: FieldAccess,
): Record<string, unknown> {
  const urls = objectUrls(obj, apiVersion);
  if (obj.flags.layoutable && obj.keyPrefix) {
    urls.uiDetailTemplate = `${instanceUrl}/{ID}`;
    urls.uiEditTemplate = `${instanceUrl}/{ID}/e`;
    urls.uiNewRecord = `${instanceUrl}/${obj.keyPrefix}/e`;
  }
  const flags = obj.flags as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = {
    ...obj.props,
    ...flags,
    childRelationships: obj.childRelationships,
    custom: obj.custom,
    fields: obj.fields.filter((f) => access.canRead(obj, f)).map((f) => renderField(obj, f, access)),
    keyPrefix: obj.keyPrefix,
    label: obj.label,
    labelPlural: obj.labelPlural,
    name: obj.name,
    recordTypeInfos: obj.recordTypes.map((rt) => ({
      ...rt,
      urls: { layout: `/services/data/v${apiVersion}/sobjects/${obj.name}/describe/layouts/${rt.recordTypeId}` },
    })),
    urls,
  };
  const out: Record<string, unknown> = {};
  for (const key of DESCRIBE_KEYS) out[key] = values[key] ?? null;
  return out;
}

const describeCache = new WeakMap<ObjectDef, Map<string, string>>();
const MAX_VARIANTS = 8;

/** Serialised describe JSON, cached per object, API version, instance URL and field-access policy. */
export function describeJson(obj: ObjectDef, apiVersion: string, instanceUrl: string, access: FieldAccess): string {
  let variants = describeCache.get(obj);
  if (!variants) {
    variants = new Map();
    describeCache.set(obj, variants);
  }
  const key = `${apiVersion}|${instanceUrl}|${access.key}`;
  let json = variants.get(key);
  if (json === undefined) {
    json = JSON.stringify(renderDescribe(obj, apiVersion, instanceUrl, access));
    // Bound the variants so a client sweeping every API version cannot grow memory without limit.
    if (variants.size >= MAX_VARIANTS) variants.delete(variants.keys().next().value as string);
    variants.set(key, json);
  }
  return json;
}
