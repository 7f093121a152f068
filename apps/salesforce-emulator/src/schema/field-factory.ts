// Builds the describe of a custom field from a Metadata-API-style spec (CustomField: type, length,
// precision, scale, picklist, referenceTo, …). Metadata deploys and Tooling CustomField writes (next
// issue) map their payloads to FieldSpec and call OrgSchema.addField / updateField.
import { completeField } from './field-defaults.ts';
import type { FieldDef, FieldExtra, PicklistValue } from './types.ts';

export type FieldType =
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Html'
  | 'Number'
  | 'Currency'
  | 'Percent'
  | 'Checkbox'
  | 'Date'
  | 'DateTime'
  | 'Time'
  | 'Email'
  | 'Phone'
  | 'Url'
  | 'Picklist'
  | 'MultiselectPicklist'
  | 'Lookup'
  | 'MasterDetail'
  | 'AutoNumber'
  | 'EncryptedText';

export interface PicklistValueSpec {
  value: string;
  label?: string;
  default?: boolean;
  active?: boolean;
}

export interface FieldSpec {
  /** API name; custom fields end in __c. */
  name: string;
  type: FieldType;
  label?: string;
  length?: number;
  precision?: number;
  scale?: number;
  required?: boolean;
  unique?: boolean;
  externalId?: boolean;
  caseSensitive?: boolean;
  /** Metadata defaultValue: a formula literal such as 'Open' (quoted), 42 or true. */
  defaultValue?: string | number | boolean | null;
  picklistValues?: Array<string | PicklistValueSpec>;
  /** Restricted picklists reject values outside the list (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
  restricted?: boolean;
  referenceTo?: string;
  /** The child relationship name on the parent (as in Metadata's CustomField.relationshipName), without __r. */
  relationshipName?: string;
  deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
  reparentableMasterDetail?: boolean;
  /** A formula field: the describe type is the return type and the field is read-only. */
  formula?: string;
  displayFormat?: string;
  startingNumber?: number;
  inlineHelpText?: string;
  description?: string;
}

export class SchemaError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SchemaError';
    this.code = code;
  }
}

const DESCRIBE_TYPES: Record<FieldType, string> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  AutoNumber: 'string',
  EncryptedText: 'encryptedstring',
};

function picklist(values: FieldSpec['picklistValues']): PicklistValue[] {
  return (values ?? []).map((v) => {
    const spec = typeof v === 'string' ? { value: v } : v;
    return {
      active: spec.active ?? true,
      defaultValue: spec.default ?? false,
      label: spec.label ?? spec.value,
      validFor: null,
      value: spec.value,
    };
  });
}

export function validateFieldSpec(spec: FieldSpec): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name) || spec.name.includes('___')) {
    throw new SchemaError('INVALID_FIELD', `Invalid custom field name: ${spec.name}`);
  }
  if (!(spec.type in DESCRIBE_TYPES))
    throw new SchemaError('INVALID_TYPE', `Unsupported field type: ${String(spec.type)}`);
  if ((spec.type === 'Lookup' || spec.type === 'MasterDetail') && !spec.referenceTo) {
    throw new SchemaError('FIELD_INTEGRITY_EXCEPTION', `referenceTo is required for a ${spec.type} field`);
  }
}

/** The describe of a custom field and the extras the model needs to maintain it. */
export function buildField(spec: FieldSpec): { field: FieldDef; extra: FieldExtra } {
  validateFieldSpec(spec);
  const type = DESCRIBE_TYPES[spec.type];
  const label = spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' ');
  const required = spec.required === true || spec.type === 'MasterDetail';
  const isFormula = typeof spec.formula === 'string';
  const reference = spec.type === 'Lookup' || spec.type === 'MasterDetail';
  const partial: Record<string, unknown> = {
    name: spec.name,
    label,
    type,
    custom: true,
    nillable: spec.type === 'Checkbox' ? false : !required || isFormula,
    inlineHelpText: spec.inlineHelpText ?? null,
    externalId: spec.externalId === true,
    unique: spec.unique === true,
    caseSensitive: spec.caseSensitive === true,
    idLookup: spec.externalId === true || spec.type === 'AutoNumber',
  };
  if (type === 'string' || type === 'textarea' || type === 'encryptedstring') {
    const defaults: Partial<Record<FieldType, number>> = {
      Text: 255,
      TextArea: 255,
      LongTextArea: 32768,
      Html: 32768,
      AutoNumber: 30,
      EncryptedText: 175,
    };
    partial.length = spec.length ?? defaults[spec.type] ?? 255;
  }
  if (spec.type === 'TextArea' || spec.type === 'LongTextArea') partial.extraTypeInfo = 'plaintextarea';
  if (spec.type === 'Html') Object.assign(partial, { extraTypeInfo: 'richtextarea', htmlFormatted: true });
  if (spec.type === 'Number' || spec.type === 'Currency' || spec.type === 'Percent') {
    Object.assign(partial, { precision: spec.precision ?? 18, scale: spec.scale ?? (spec.type === 'Number' ? 0 : 2) });
  }
  if (spec.type === 'Picklist' || spec.type === 'MultiselectPicklist') {
    Object.assign(partial, {
      picklistValues: picklist(spec.picklistValues),
      restrictedPicklist: spec.restricted === true,
    });
  }
  if (spec.type === 'EncryptedText')
    Object.assign(partial, {
      encrypted: true,
      mask: '*',
      maskType: 'all',
      filterable: false,
      sortable: false,
      groupable: false,
    });
  if (reference) {
    Object.assign(partial, {
      referenceTo: [spec.referenceTo],
      relationshipName: spec.name.replace(/__c$/, '__r'),
      cascadeDelete: spec.type === 'MasterDetail' || spec.deleteConstraint === 'Cascade',
      restrictedDelete: spec.deleteConstraint === 'Restrict',
      relationshipOrder: spec.type === 'MasterDetail' ? 0 : null,
      updateable: spec.type === 'Lookup' || spec.reparentableMasterDetail === true,
      writeRequiresMasterRead: spec.type === 'MasterDetail',
    });
  }
  if (spec.type === 'Checkbox') {
    const dv = spec.defaultValue;
    partial.defaultValue = dv === true || (typeof dv === 'string' && dv.toLowerCase() === 'true');
  } else if (spec.defaultValue !== undefined && spec.defaultValue !== null) {
    Object.assign(partial, { defaultValueFormula: String(spec.defaultValue), defaultedOnCreate: true });
  }
  if (spec.type === 'AutoNumber') {
    Object.assign(partial, {
      autoNumber: true,
      createable: false,
      updateable: false,
      nillable: false,
      defaultedOnCreate: true,
    });
  }
  if (isFormula) {
    Object.assign(partial, {
      calculated: true,
      calculatedFormula: spec.formula,
      createable: false,
      updateable: false,
      defaultedOnCreate: false,
      nillable: true,
      externalId: false,
      unique: false,
    });
  }
  const field = completeField(partial);
  const extra: FieldExtra = {};
  if (spec.displayFormat) extra.displayFormat = spec.displayFormat;
  if (spec.startingNumber !== undefined) extra.startingNumber = spec.startingNumber;
  if (isFormula) extra.formula = spec.formula;
  if (spec.description) extra.description = spec.description;
  if (reference && spec.relationshipName) extra.childRelationshipName = spec.relationshipName.replace(/__r$/, '');
  // Required custom fields are not field-level-security controlled; completeField derives the rest.
  // Custom checkboxes are never nillable yet are field-level-security controlled, as on Salesforce.
  return {
    field: { ...field, permissionable: !required && (field.permissionable || spec.type === 'Checkbox') },
    extra,
  };
}
