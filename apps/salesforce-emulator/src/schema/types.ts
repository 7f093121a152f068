// The schema model: one immutable ObjectDef per sObject. The base schema's ObjectDefs are shared by
// every org; an org's customisations replace whole ObjectDefs in its overlay (copy-on-write), so a
// changed object is a new value and every cache keyed on the old one falls away by itself.
import type { SoqlChildRelationship, SoqlField } from '../soql/types.ts';

/** One field exactly as a REST describe returns it (every key of a v62 describe). */
export interface FieldDef extends SoqlField {
  readonly length: number;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly restrictedPicklist: boolean;
  readonly picklistValues: ReadonlyArray<PicklistValue>;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly idLookup: boolean;
  readonly caseSensitive: boolean;
  readonly calculated: boolean;
  readonly autoNumber: boolean;
  readonly precision: number;
  readonly scale: number;
  readonly digits: number;
  readonly compoundFieldName: string | null;
  readonly defaultValue: unknown;
  readonly nameField: boolean;
}

export interface PicklistValue {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: string | null;
  value: string;
}

export interface ChildRelationshipDef extends SoqlChildRelationship {
  readonly cascadeDelete: boolean;
  readonly restrictedDelete: boolean;
}

export interface RecordTypeDef {
  readonly active: boolean;
  readonly available: boolean;
  readonly defaultRecordTypeMapping: boolean;
  readonly developerName: string;
  readonly master: boolean;
  readonly name: string;
  readonly recordTypeId: string;
}

/** The boolean and association keys describeGlobal lists for every object. */
export interface GlobalFlags {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
}

/** What the emulator needs about a field beyond its describe (e.g. how to number an auto-number). */
export interface FieldExtra {
  displayFormat?: string;
  startingNumber?: number;
  formula?: string;
  description?: string;
  /** For custom lookups: the parent's child relationship name, without __r. */
  childRelationshipName?: string;
}

export interface ObjectDef {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string | null;
  readonly custom: boolean;
  readonly flags: Readonly<GlobalFlags>;
  /** Which of the urls keys this object has (sobject, describe, rowTemplate, layouts, …). */
  readonly urlKeys: readonly string[];
  /** The remaining describe-only keys (actionOverrides, supportedScopes, sobjectDescribeOption, …). */
  readonly props: Readonly<Record<string, unknown>>;
  readonly fields: readonly FieldDef[];
  readonly childRelationships: readonly ChildRelationshipDef[];
  readonly recordTypes: readonly RecordTypeDef[];
  readonly extras: Readonly<Record<string, FieldExtra>>;
  /** Case-insensitive lookups, built once per ObjectDef. */
  readonly fieldMap: ReadonlyMap<string, FieldDef>;
  readonly childMap: ReadonlyMap<string, ChildRelationshipDef>;
}

/**
 * Field-level security of the running user. The next issue adds permission sets; until then every
 * field is readable and editable. `key` identifies equal policies so describes can be cached per policy.
 */
export interface FieldAccess {
  readonly key: string;
  canRead(object: ObjectDef, field: FieldDef): boolean;
  canEdit(object: ObjectDef, field: FieldDef): boolean;
}

export const FULL_ACCESS: FieldAccess = {
  key: 'all',
  canRead: () => true,
  canEdit: () => true,
};
