// The Tooling API's sObjects the emulator serves, as ObjectDefs the SOQL engine can query. Field lists
// follow the Tooling API object reference (api_tooling) for the fields the engine needs; FullName and
// Metadata are the compound metadata fields (at most one row when selected, as Salesforce enforces).
// PermissionSet, FieldPermissions and ObjectPermissions are the org's own objects and rows.
import { completeField } from '../schema/field-defaults.ts';
import { makeObjectDef } from '../schema/object-def.ts';
import type { GlobalFlags, ObjectDef } from '../schema/types.ts';

type F = [name: string, type: string, extra?: Record<string, unknown>];

const rel = (relationshipName: string, to: string): Record<string, unknown> => ({
  relationshipName,
  referenceTo: [to],
});
const AUDIT: F[] = [
  ['CreatedDate', 'datetime'],
  ['CreatedById', 'reference', rel('CreatedBy', 'User')],
  ['LastModifiedDate', 'datetime'],
  ['LastModifiedById', 'reference', rel('LastModifiedBy', 'User')],
];
const META: F[] = [
  ['FullName', 'string'],
  ['Metadata', 'complexvalue'],
];

const TABLES: Record<string, { prefix: string | null; fields: F[]; label: string }> = {
  CustomObject: {
    prefix: '01I',
    label: 'Custom Object',
    fields: [
      ['Id', 'id'],
      ['DeveloperName', 'string'],
      ['NamespacePrefix', 'string'],
      ['Description', 'string'],
      ['SharingModel', 'picklist'],
      ['ExternalSharingModel', 'picklist'],
      ['ManageableState', 'picklist'],
      ...AUDIT,
      ...META,
    ],
  },
  CustomField: {
    prefix: '00N',
    label: 'Custom Field',
    fields: [
      ['Id', 'id'],
      ['DeveloperName', 'string'],
      ['TableEnumOrId', 'string'],
      ['EntityDefinitionId', 'string', rel('EntityDefinition', 'EntityDefinition')],
      ['NamespacePrefix', 'string'],
      ['Description', 'string'],
      ['InlineHelpText', 'string'],
      ['Length', 'int'],
      ['ManageableState', 'picklist'],
      ...AUDIT,
      ...META,
    ],
  },
  EntityDefinition: {
    prefix: null,
    label: 'Entity Definition',
    fields: [
      ['Id', 'id'],
      ['DurableId', 'string'],
      ['QualifiedApiName', 'string'],
      ['DeveloperName', 'string'],
      ['NamespacePrefix', 'string'],
      ['Label', 'string'],
      ['PluralLabel', 'string'],
      ['KeyPrefix', 'string'],
      ['IsCustomizable', 'boolean'],
      ['IsCustomSetting', 'boolean'],
      ['IsQueryable', 'boolean'],
      ['IsLayoutable', 'boolean'],
      ['IsApexTriggerable', 'boolean'],
      ['InternalSharingModel', 'picklist'],
      ['ExternalSharingModel', 'picklist'],
      ['DeploymentStatus', 'picklist'],
      ['PublisherId', 'string'],
      ['LastModifiedDate', 'datetime'],
    ],
  },
  FieldDefinition: {
    prefix: null,
    label: 'Field Definition',
    fields: [
      ['Id', 'id'],
      ['DurableId', 'string'],
      ['QualifiedApiName', 'string'],
      ['EntityDefinitionId', 'string', rel('EntityDefinition', 'EntityDefinition')],
      ['DeveloperName', 'string'],
      ['NamespacePrefix', 'string'],
      ['Label', 'string'],
      ['DataType', 'string'],
      ['ValueTypeId', 'string'],
      ['Length', 'int'],
      ['Precision', 'int'],
      ['Scale', 'int'],
      ['IsNillable', 'boolean'],
      ['IsCalculated', 'boolean'],
      ['IsIndexed', 'boolean'],
      ['IsFieldHistoryTracked', 'boolean'],
      ['RelationshipName', 'string'],
      ['Description', 'string'],
      ['LastModifiedDate', 'datetime'],
    ],
  },
  FlowDefinition: {
    prefix: '300',
    label: 'Flow Definition',
    fields: [
      ['Id', 'id'],
      ['DeveloperName', 'string'],
      ['MasterLabel', 'string'],
      ['Description', 'string'],
      ['NamespacePrefix', 'string'],
      ['ActiveVersionId', 'reference', rel('ActiveVersion', 'Flow')],
      ['LatestVersionId', 'reference', rel('LatestVersion', 'Flow')],
      ...AUDIT,
      ...META,
    ],
  },
  Flow: {
    prefix: '301',
    label: 'Flow',
    fields: [
      ['Id', 'id'],
      ['DefinitionId', 'reference', rel('Definition', 'FlowDefinition')],
      ['MasterLabel', 'string'],
      ['VersionNumber', 'int'],
      ['Status', 'picklist'],
      ['ProcessType', 'picklist'],
      ['Description', 'string'],
      ...AUDIT,
      ...META,
    ],
  },
  ValidationRule: {
    prefix: '03d',
    label: 'Validation Rule',
    fields: [
      ['Id', 'id'],
      ['ValidationName', 'string'],
      ['EntityDefinitionId', 'string', rel('EntityDefinition', 'EntityDefinition')],
      ['Active', 'boolean'],
      ['Description', 'string'],
      ['ErrorDisplayField', 'string'],
      ['ErrorMessage', 'string'],
      ['NamespacePrefix', 'string'],
      ...AUDIT,
      ...META,
    ],
  },
  RecordType: {
    prefix: '012',
    label: 'Record Type',
    fields: [
      ['Id', 'id'],
      ['Name', 'string'],
      ['DeveloperName', 'string'],
      ['SobjectType', 'picklist'],
      ['IsActive', 'boolean'],
      ['Description', 'string'],
      ['NamespacePrefix', 'string'],
      ['BusinessProcessId', 'string'],
      ...AUDIT,
      ...META,
    ],
  },
  Layout: {
    prefix: '00h',
    label: 'Page Layout',
    fields: [
      ['Id', 'id'],
      ['Name', 'string'],
      ['TableEnumOrId', 'string'],
      ['EntityDefinitionId', 'string', rel('EntityDefinition', 'EntityDefinition')],
      ['LayoutType', 'picklist'],
      ['NamespacePrefix', 'string'],
      ['ManageableState', 'picklist'],
      ...AUDIT,
      ...META,
    ],
  },
  MetadataComponentDependency: {
    prefix: null,
    label: 'Metadata Component Dependency',
    fields: [
      ['Id', 'id'],
      ['MetadataComponentId', 'string'],
      ['MetadataComponentName', 'string'],
      ['MetadataComponentNamespace', 'string'],
      ['MetadataComponentType', 'string'],
      ['RefMetadataComponentId', 'string'],
      ['RefMetadataComponentName', 'string'],
      ['RefMetadataComponentNamespace', 'string'],
      ['RefMetadataComponentType', 'string'],
    ],
  },
};

/** Tooling sObjects whose rows are the org's own records. */
export const ORG_BACKED = ['PermissionSet', 'FieldPermissions', 'ObjectPermissions'];

const FLAGS: GlobalFlags = {
  activateable: false,
  associateEntityType: null,
  associateParentEntity: null,
  createable: false,
  customSetting: false,
  deepCloneable: false,
  deletable: false,
  deprecatedAndHidden: false,
  feedEnabled: false,
  hasSubtypes: false,
  isInterface: false,
  isSubtype: false,
  layoutable: false,
  mergeable: false,
  mruEnabled: false,
  queryable: true,
  replicateable: false,
  retrieveable: true,
  searchable: false,
  triggerable: false,
  undeletable: false,
  updateable: false,
};

/** CRUD through /tooling/sobjects is supported for these (FullName + Metadata). */
export const WRITABLE = new Set(['CustomField', 'CustomObject']);

const defs = new Map<string, ObjectDef>();
for (const [name, t] of Object.entries(TABLES)) {
  const writable = WRITABLE.has(name);
  defs.set(
    name.toLowerCase(),
    makeObjectDef({
      name,
      label: t.label,
      labelPlural: `${t.label}s`,
      keyPrefix: t.prefix,
      custom: false,
      flags: { ...FLAGS, createable: writable, updateable: writable, deletable: writable },
      urlKeys: ['rowTemplate', 'describe', 'sobject'],
      props: {},
      fields: t.fields.map(([n, type, extra]) =>
        completeField({
          name: n,
          type,
          label: n,
          nillable: n !== 'Id',
          createable: writable && (n === 'FullName' || n === 'Metadata'),
          updateable: writable && n === 'Metadata',
          ...(type === 'complexvalue' ? { filterable: false, sortable: false, groupable: false } : {}),
          ...extra,
        }),
      ),
      childRelationships: [],
      recordTypes: [],
    }),
  );
}

export function toolingObject(name: string): ObjectDef | undefined {
  return defs.get(name.toLowerCase());
}

export function toolingNames(): string[] {
  return [...Object.keys(TABLES), ...ORG_BACKED].sort();
}
