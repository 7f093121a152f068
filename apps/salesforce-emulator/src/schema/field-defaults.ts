// Completes a partial field describe into the full v62 key set with type-correct values. The key set
// and its order are those of a complete v62.0 Account describe; the per-type sizes follow what real
// describes report (e.g. a 255-character string has byteLength 765, an int has digits 9).
import type { FieldDef } from './types.ts';

export const FIELD_KEYS = [
  'aggregatable',
  'aiPredictionField',
  'autoNumber',
  'byteLength',
  'calculated',
  'calculatedFormula',
  'cascadeDelete',
  'caseSensitive',
  'compoundFieldName',
  'controllerName',
  'createable',
  'custom',
  'defaultValue',
  'defaultValueFormula',
  'defaultedOnCreate',
  'dependentPicklist',
  'deprecatedAndHidden',
  'digits',
  'displayLocationInDecimal',
  'encrypted',
  'externalId',
  'extraTypeInfo',
  'filterable',
  'filteredLookupInfo',
  'formulaTreatNullNumberAsZero',
  'groupable',
  'highScaleNumber',
  'htmlFormatted',
  'idLookup',
  'inlineHelpText',
  'label',
  'length',
  'mask',
  'maskType',
  'name',
  'nameField',
  'namePointing',
  'nillable',
  'permissionable',
  'picklistValues',
  'polymorphicForeignKey',
  'precision',
  'queryByDistance',
  'referenceTargetField',
  'referenceTo',
  'relationshipName',
  'relationshipOrder',
  'restrictedDelete',
  'restrictedPicklist',
  'scale',
  'searchPrefilterable',
  'soapType',
  'sortable',
  'type',
  'unique',
  'updateable',
  'writeRequiresMasterRead',
] as const;

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  anyType: 'xsd:anyType',
  address: 'urn:address',
  location: 'urn:location',
  complexvalue: 'urn:JsonNode',
};

/** Lengths of text types when neither the source nor the standard-field table knows better. */
const TEXT_LENGTHS: Record<string, number> = {
  string: 255,
  textarea: 255,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  multipicklist: 4099,
  combobox: 255,
  encryptedstring: 175,
  json: 131072,
};

/** Fields the platform maintains: never createable or updateable through the API. */
export const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
  'MasterRecordId',
]);

export function isTextType(type: string): boolean {
  return type in TEXT_LENGTHS;
}

export function soapTypeFor(type: string): string {
  return SOAP_TYPES[type] ?? 'xsd:string';
}

export interface CompletionHints {
  /** name|type → length, learnt from the complete describes. */
  lengths?: Record<string, number>;
}

/** Fills every missing describe key of `partial` with a value consistent with its type. */
export function completeField(partial: Record<string, unknown>, hints: CompletionHints = {}): FieldDef {
  const name = String(partial.name);
  const type = String(partial.type ?? 'string');
  const system = SYSTEM_FIELDS.has(name) || type === 'id';
  const compound = type === 'address' || type === 'location';
  const nillable = partial.nillable !== undefined ? Boolean(partial.nillable) : !system && type !== 'boolean';
  const length = isTextType(type)
    ? Number(partial.length ?? hints.lengths?.[`${name}|${type}`] ?? (name === 'Name' ? 80 : TEXT_LENGTHS[type]))
    : type === 'id' || type === 'reference'
      ? 18
      : type === 'base64'
        ? 32000000
        : 0;
  const numeric = type === 'double' || type === 'currency' || type === 'percent';
  const referenceTo = (partial.referenceTo as string[] | undefined) ?? [];
  const writable = !system && !compound && partial.calculated !== true && partial.autoNumber !== true;
  const defaults: Record<string, unknown> = {
    aggregatable: !compound && type !== 'textarea' && type !== 'base64' && type !== 'boolean',
    aiPredictionField: false,
    autoNumber: false,
    byteLength:
      type === 'id' || type === 'reference' ? 18 : isTextType(type) ? length * 3 : type === 'base64' ? length : 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: writable,
    custom: false,
    defaultValue: type === 'boolean' ? false : null,
    defaultValueFormula: null,
    defaultedOnCreate: system || type === 'boolean' || name === 'OwnerId',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: type === 'int' ? 9 : type === 'long' ? 18 : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: false,
    extraTypeInfo: null,
    filterable: !(type === 'textarea' && length > 255) && type !== 'base64',
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable:
      !numeric &&
      type !== 'textarea' &&
      !compound &&
      type !== 'datetime' &&
      type !== 'base64' &&
      type !== 'multipicklist',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: type === 'id',
    inlineHelpText: null,
    label: name,
    length,
    mask: null,
    maskType: null,
    name,
    nameField: false,
    namePointing: referenceTo.length > 1,
    nillable,
    permissionable: writable && nillable,
    picklistValues: [],
    polymorphicForeignKey: referenceTo.length > 1,
    precision: numeric ? 18 : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo,
    relationshipName: null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: type === 'currency' || type === 'percent' ? 2 : 0,
    searchPrefilterable: false,
    soapType: soapTypeFor(type),
    sortable: !(type === 'textarea' && length > 255) && !compound && type !== 'multipicklist' && type !== 'base64',
    type,
    unique: false,
    updateable: writable,
    writeRequiresMasterRead: false,
  };
  // fromEntries keeps V8's fast properties (and one shared shape for all ~25k fields of the schema);
  // assigning 57 computed keys one by one would make each field a dictionary several times larger.
  return Object.fromEntries(
    FIELD_KEYS.map((key) => [key, key in partial ? partial[key] : defaults[key]]),
  ) as unknown as FieldDef;
}
