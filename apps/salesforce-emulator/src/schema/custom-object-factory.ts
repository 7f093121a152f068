// Builds the describe of a new custom object with the standard fields Salesforce gives every custom
// object (Id, OwnerId, IsDeleted, Name, audit fields), shaped like a real custom object's describe.
import { masterRecordType } from './describe-completion.ts';
import { completeField } from './field-defaults.ts';
import { SchemaError } from './field-factory.ts';
import { makeObjectDef } from './object-def.ts';
import type { ChildRelationshipDef, FieldDef, FieldExtra, GlobalFlags, ObjectDef } from './types.ts';

export interface CustomObjectSpec {
  /** API name ending in __c. */
  name: string;
  label: string;
  labelPlural?: string;
  nameField?: { label?: string; type?: 'Text' | 'AutoNumber'; displayFormat?: string; startingNumber?: number };
  /** ControlledByParent objects (the detail side of a master-detail) have no owner. */
  sharingModel?: 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';
  description?: string;
}

const ref = (
  name: string,
  label: string,
  relationshipName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  name,
  label,
  type: 'reference',
  referenceTo: ['User'],
  relationshipName,
  nillable: false,
  defaultedOnCreate: true,
  ...extra,
});

export function standardCustomObjectFields(spec: CustomObjectSpec): {
  fields: FieldDef[];
  extras: Record<string, FieldExtra>;
} {
  const autoNumber = spec.nameField?.type === 'AutoNumber';
  const nameLabel = spec.nameField?.label ?? `${spec.label} Name`;
  const raw: Record<string, unknown>[] = [{ name: 'Id', label: 'Record ID', type: 'id', nillable: false }];
  if (spec.sharingModel !== 'ControlledByParent') {
    raw.push(
      ref('OwnerId', 'Owner ID', 'Owner', {
        referenceTo: ['Group', 'User'],
        createable: true,
        updateable: true,
        polymorphicForeignKey: true,
      }),
    );
  }
  raw.push(
    { name: 'IsDeleted', label: 'Deleted', type: 'boolean', nillable: false, defaultValue: false },
    autoNumber
      ? {
          name: 'Name',
          label: nameLabel,
          type: 'string',
          length: 80,
          nameField: true,
          autoNumber: true,
          idLookup: true,
          createable: false,
          updateable: false,
          nillable: false,
          defaultedOnCreate: true,
        }
      : {
          name: 'Name',
          label: nameLabel,
          type: 'string',
          length: 80,
          nameField: true,
          idLookup: true,
          nillable: true,
          defaultedOnCreate: true,
        },
    { name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, defaultedOnCreate: true },
    ref('CreatedById', 'Created By ID', 'CreatedBy'),
    {
      name: 'LastModifiedDate',
      label: 'Last Modified Date',
      type: 'datetime',
      nillable: false,
      defaultedOnCreate: true,
    },
    ref('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
    { name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', nillable: false, defaultedOnCreate: true },
    { name: 'LastViewedDate', label: 'Last Viewed Date', type: 'datetime', nillable: true },
    { name: 'LastReferencedDate', label: 'Last Referenced Date', type: 'datetime', nillable: true },
  );
  const extras: Record<string, FieldExtra> = {};
  if (autoNumber) {
    extras.Name = {
      displayFormat: spec.nameField?.displayFormat ?? 'A-{0000}',
      startingNumber: spec.nameField?.startingNumber ?? 1,
    };
  }
  return { fields: raw.map((f) => completeField(f)), extras };
}

/** Children every custom object gets (attachments, notes, approvals), when the base schema has them. */
function standardChildren(has: (name: string) => boolean): ChildRelationshipDef[] {
  const rels: Array<[string, string, string]> = [
    ['Attachment', 'ParentId', 'Attachments'],
    ['Note', 'ParentId', 'Notes'],
    ['NoteAndAttachment', 'ParentId', 'NotesAndAttachments'],
    ['ProcessInstance', 'TargetObjectId', 'ProcessInstances'],
    ['ProcessInstanceHistory', 'TargetObjectId', 'ProcessSteps'],
  ];
  return rels
    .filter(([child]) => has(child))
    .map(([childSObject, field, relationshipName]) => ({
      cascadeDelete: true,
      childSObject,
      deprecatedAndHidden: false,
      field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName,
      restrictedDelete: false,
    }));
}

export function buildCustomObject(
  spec: CustomObjectSpec,
  keyPrefix: string,
  has: (name: string) => boolean,
): ObjectDef {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name) || spec.name.includes('___')) {
    throw new SchemaError('INVALID_TYPE', `Invalid custom object name: ${spec.name}`);
  }
  const labelPlural = spec.labelPlural ?? spec.label;
  const flags: GlobalFlags = {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    customSetting: false,
    deepCloneable: false,
    deletable: true,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: true,
    updateable: true,
  };
  const { fields, extras } = standardCustomObjectFields(spec);
  const plural = labelPlural.toLowerCase();
  return makeObjectDef({
    name: spec.name,
    label: spec.label,
    labelPlural,
    keyPrefix,
    custom: true,
    flags,
    urlKeys: [
      'approvalLayouts',
      'compactLayouts',
      'describe',
      'layouts',
      'listviews',
      'quickActions',
      'rowTemplate',
      'sobject',
    ],
    props: {
      actionOverrides: [],
      compactLayoutable: true,
      defaultImplementation: null,
      extendedBy: null,
      extendsInterfaces: null,
      implementedBy: null,
      implementsInterfaces: null,
      listviewable: null,
      lookupLayoutable: null,
      namedLayoutInfos: [],
      networkScopeFieldName: null,
      searchLayoutable: true,
      sobjectDescribeOption: 'FULL',
      supportedScopes: [
        { label: `All ${plural}`, name: 'everything' },
        { label: `My ${plural}`, name: 'mine' },
      ],
      // Internal metadata (not describe keys, never rendered).
      sharingModel: spec.sharingModel ?? 'ReadWrite',
      description: spec.description ?? null,
    },
    fields,
    childRelationships: standardChildren(has),
    recordTypes: [masterRecordType()],
    extras,
  });
}
