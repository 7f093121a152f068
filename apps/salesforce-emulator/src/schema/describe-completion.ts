// Turns one fixture entry (a complete describe, a trimmed one, or none) into a full ObjectDef.
import { completeField, type CompletionHints } from './field-defaults.ts';
import { generatedFields, labelFromName, pluralize } from './generated-objects.ts';
import { makeObjectDef } from './object-def.ts';
import { familyOf, inferFlags, inferUrlKeys } from './object-flags.ts';
import type { ChildRelationshipDef, FieldDef, GlobalFlags, ObjectDef, RecordTypeDef } from './types.ts';

export interface FixtureEntry {
  n: string;
  k: 'full' | 'trimmed' | 'generated';
  l?: string;
  lp?: string;
  p?: string | null;
  q?: boolean;
  h?: { owner: boolean; name: boolean };
  g?: Partial<GlobalFlags>;
  u?: string[];
  d?: string;
}

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

const GLOBAL_KEYS = new Set([
  'activateable',
  'associateEntityType',
  'associateParentEntity',
  'createable',
  'customSetting',
  'deepCloneable',
  'deletable',
  'deprecatedAndHidden',
  'feedEnabled',
  'hasSubtypes',
  'isInterface',
  'isSubtype',
  'layoutable',
  'mergeable',
  'mruEnabled',
  'queryable',
  'replicateable',
  'retrieveable',
  'searchable',
  'triggerable',
  'undeletable',
  'updateable',
]);
const OWN_KEYS = new Set([
  'name',
  'label',
  'labelPlural',
  'keyPrefix',
  'custom',
  'fields',
  'childRelationships',
  'recordTypeInfos',
  'urls',
]);

export function masterRecordType(): RecordTypeDef {
  return {
    active: true,
    available: true,
    defaultRecordTypeMapping: true,
    developerName: 'Master',
    master: true,
    name: 'Master',
    recordTypeId: MASTER_RECORD_TYPE_ID,
  };
}

/** Describe-only keys every object carries; values for objects whose source lacks them. */
export function defaultProps(flags: GlobalFlags, labelPlural: string): Record<string, unknown> {
  const plural = labelPlural.toLowerCase();
  return {
    actionOverrides: [],
    compactLayoutable: flags.layoutable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    searchLayoutable: flags.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: flags.layoutable
      ? [
          { label: `All ${plural}`, name: 'everything' },
          { label: `My ${plural}`, name: 'mine' },
        ]
      : [],
  };
}

function normalizeChild(c: Record<string, unknown>): ChildRelationshipDef {
  return {
    cascadeDelete: Boolean(c.cascadeDelete),
    childSObject: String(c.childSObject),
    deprecatedAndHidden: Boolean(c.deprecatedAndHidden),
    field: String(c.field),
    junctionIdListNames: (c.junctionIdListNames as string[] | undefined) ?? [],
    junctionReferenceTo: (c.junctionReferenceTo as string[] | undefined) ?? [],
    relationshipName: (c.relationshipName as string | null | undefined) ?? null,
    restrictedDelete: Boolean(c.restrictedDelete),
  };
}

export interface ObjectHeader {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  flags: GlobalFlags;
  urlKeys: readonly string[];
}

/** What describeGlobal needs about an object, computed without parsing its describe. */
export function headerOf(entry: FixtureEntry): ObjectHeader {
  const label = entry.l ?? labelFromName(entry.n);
  const labelPlural = entry.lp ?? pluralize(label);
  const { family } = familyOf(entry.n);
  const queryable = entry.q ?? (family !== 'ChangeEvent' && family !== 'Event');
  const flags: GlobalFlags = {
    ...inferFlags(entry.n, { queryable, hasOwner: entry.h?.owner ?? false, hasName: entry.h?.name ?? false }),
    ...(entry.g ?? {}),
  };
  return {
    name: entry.n,
    label,
    labelPlural,
    keyPrefix: entry.p ?? null,
    custom: false,
    flags,
    urlKeys: entry.u ?? inferUrlKeys(entry.n, flags),
  };
}

export function completeEntry(
  entry: FixtureEntry,
  hints: CompletionHints,
  labelOf: (name: string) => string | undefined,
): ObjectDef {
  const source = entry.d ? (JSON.parse(entry.d) as Record<string, unknown>) : undefined;
  const { label, labelPlural, flags, urlKeys, keyPrefix } = headerOf(entry);
  const { parent } = familyOf(entry.n);

  let rawFields: Record<string, unknown>[];
  if (source) rawFields = source.fields as Record<string, unknown>[];
  else rawFields = generatedFields(entry.n, labelOf(parent) ?? labelFromName(parent));
  const names = new Set(rawFields.map((f) => String(f.name)));
  const personName = names.has('FirstName') && names.has('LastName');
  const fields: FieldDef[] = rawFields.map((raw) => {
    const partial = { ...raw };
    if (entry.k !== 'full') {
      if (partial.name === 'Name' && partial.type === 'string') {
        partial.nameField = true;
        if (personName) Object.assign(partial, { createable: false, updateable: false });
      }
    }
    return completeField(partial, hints);
  });

  const props: Record<string, unknown> = defaultProps(flags, labelPlural);
  if (source) for (const [k, v] of Object.entries(source)) if (!GLOBAL_KEYS.has(k) && !OWN_KEYS.has(k)) props[k] = v;

  return makeObjectDef({
    name: entry.n,
    label,
    labelPlural,
    keyPrefix,
    custom: false,
    flags,
    urlKeys,
    props,
    fields,
    childRelationships: ((source?.childRelationships as Record<string, unknown>[] | undefined) ?? []).map(
      normalizeChild,
    ),
    recordTypes: flags.layoutable ? [masterRecordType()] : [],
  });
}
