// Field lists for the ~540 objects of the real org that have no recorded describe: the per-object
// families Salesforce derives (History, Feed, Share, ChangeEvent) and platform events. Their fields
// follow the documented standard shapes of each family.
import { familyOf } from './object-flags.ts';

type Partial = Record<string, unknown>;

const ref = (
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string | null,
  extra: Partial = {},
): Partial => ({
  name,
  label,
  type: 'reference',
  referenceTo,
  relationshipName,
  nillable: false,
  ...extra,
});
const audit = (withModified: boolean): Partial[] => {
  const out: Partial[] = [
    ref('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { defaultedOnCreate: true }),
    { name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, defaultedOnCreate: true },
  ];
  if (withModified) {
    out.push(
      ref('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { defaultedOnCreate: true }),
      {
        name: 'LastModifiedDate',
        label: 'Last Modified Date',
        type: 'datetime',
        nillable: false,
        defaultedOnCreate: true,
      },
      { name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', nillable: false, defaultedOnCreate: true },
    );
  }
  return out;
};
const idField = (label: string): Partial => ({ name: 'Id', label, type: 'id', nillable: false });
const deleted: Partial = { name: 'IsDeleted', label: 'Deleted', type: 'boolean', nillable: false, defaultValue: false };

/** Standard objects whose derived families name the parent field after the object (AccountId, …). */
const NAMED_PARENT = new Set([
  'Account',
  'Case',
  'Contact',
  'Lead',
  'Opportunity',
  'Campaign',
  'Asset',
  'Contract',
  'Solution',
  'User',
]);

export function generatedFields(name: string, parentLabel: string): Partial[] {
  const { family, parent } = familyOf(name);
  const parentField = NAMED_PARENT.has(parent) ? `${parent}Id` : 'ParentId';
  const parentRef = ref(parentField, `${parentLabel} ID`, [parent], NAMED_PARENT.has(parent) ? parent : 'Parent', {
    createable: family === 'Share',
  });
  switch (family) {
    case 'History':
      return [
        idField(`${parentLabel} History ID`),
        deleted,
        parentRef,
        ...audit(false),
        { name: 'Field', label: 'Changed Field', type: 'picklist', nillable: false },
        { name: 'DataType', label: 'Data Type', type: 'picklist', nillable: true },
        { name: 'OldValue', label: 'Old Value', type: 'anyType', nillable: true },
        { name: 'NewValue', label: 'New Value', type: 'anyType', nillable: true },
      ];
    case 'Feed':
      return [
        idField('Feed Item ID'),
        ref('ParentId', 'Parent ID', [parent], 'Parent'),
        { name: 'Type', label: 'Feed Item Type', type: 'picklist' },
        ...audit(true),
        deleted,
        { name: 'CommentCount', label: 'Comment Count', type: 'int', nillable: false },
        { name: 'LikeCount', label: 'Like Count', type: 'int', nillable: false },
        { name: 'Title', label: 'Title', type: 'string' },
        {
          name: 'Body',
          label: 'Body',
          type: 'textarea',
          length: 10000,
          extraTypeInfo: 'richtextarea',
          htmlFormatted: true,
        },
        { name: 'LinkUrl', label: 'Link Url', type: 'url', length: 1000 },
        { name: 'IsRichText', label: 'Is Rich Text', type: 'boolean', nillable: false, defaultValue: false },
        ref('RelatedRecordId', 'Related Record ID', ['ContentVersion'], null, { nillable: true }),
        ref('InsertedById', 'InsertedBy ID', ['User'], 'InsertedBy'),
      ];
    case 'Share':
      return [
        idField(`${parentLabel} Share ID`),
        parentRef,
        ref('UserOrGroupId', 'User/Group ID', ['Group', 'User'], null, { createable: true }),
        {
          name: 'AccessLevel',
          label: `${parentLabel} Access`,
          type: 'picklist',
          nillable: false,
          createable: true,
          updateable: true,
        },
        { name: 'RowCause', label: 'Row Cause', type: 'picklist', nillable: true, createable: true },
        ref('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { defaultedOnCreate: true }),
        {
          name: 'LastModifiedDate',
          label: 'Last Modified Date',
          type: 'datetime',
          nillable: false,
          defaultedOnCreate: true,
        },
        deleted,
      ];
    case 'ChangeEvent':
      return [
        idField('ID'),
        { name: 'ReplayId', label: 'Replay ID', type: 'string' },
        { name: 'ChangeEventHeader', label: 'Change Event Header', type: 'complexvalue' },
        ...audit(true),
      ];
    default:
      return [
        { name: 'ReplayId', label: 'Replay ID', type: 'string', nillable: true },
        ...audit(false),
        { name: 'EventUuid', label: 'Event UUID', type: 'string', length: 36, nillable: true },
      ];
  }
}

/** "AccountHistory" → "Account History"; "UserAppInfo" → "User App Info". */
export function labelFromName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
}

/** English plural the way Salesforce's standard labels form it. */
export function pluralize(label: string): string {
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  if (/(History)$/.test(label)) return label.replace(/History$/, 'Histories');
  return `${label}s`;
}
