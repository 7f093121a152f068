// A small, realistic schema and data set for the engine's tests. Field types and the filterable /
// sortable / groupable / aggregatable flags, relationship names and child relationships are copied
// from real REST describes (CumulusCI cassettes and a v62.0 Account describe; see README.md).
import type { SoqlChildRelationship, SoqlField, SoqlObject, SoqlSchema } from './types.ts';

type Flags = Partial<
  Pick<
    SoqlField,
    'filterable' | 'sortable' | 'groupable' | 'aggregatable' | 'nillable' | 'calculated' | 'polymorphicForeignKey'
  >
> & {
  rel?: string;
  to?: string[];
  picklist?: string[];
};

const NOT_GROUPABLE = new Set(['double', 'currency', 'percent', 'datetime', 'multipicklist', 'address', 'location']);
const NOT_AGGREGATABLE = new Set(['boolean', 'multipicklist', 'address', 'location']);
const SOAP: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
};

function f(name: string, type: string, flags: Flags = {}): SoqlField {
  const longText = type === 'textarea' && flags.filterable === false;
  return {
    name,
    type,
    label: name,
    soapType: SOAP[type] ?? 'xsd:string',
    relationshipName: flags.rel ?? null,
    referenceTo: flags.to ?? [],
    filterable: flags.filterable ?? true,
    sortable: flags.sortable ?? (!longText && type !== 'multipicklist' && type !== 'address'),
    groupable: flags.groupable ?? (!longText && !NOT_GROUPABLE.has(type)),
    aggregatable: flags.aggregatable ?? (!longText && !NOT_AGGREGATABLE.has(type)),
    custom: name.endsWith('__c'),
    nillable: flags.nillable ?? true,
    calculated: flags.calculated ?? false,
    polymorphicForeignKey: flags.polymorphicForeignKey ?? false,
    picklistValues: (flags.picklist ?? []).map((v) => ({ value: v, label: `${v} (label)`, active: true })),
  };
}

const ref = (name: string, rel: string, to: string[], extra: Flags = {}): SoqlField =>
  f(name, 'reference', { rel, to, polymorphicForeignKey: to.length > 1, ...extra });
const system = (): SoqlField[] => [
  f('CreatedDate', 'datetime', { nillable: false }),
  ref('CreatedById', 'CreatedBy', ['User']),
];
const child = (childSObject: string, field: string, relationshipName: string): SoqlChildRelationship => ({
  childSObject,
  field,
  relationshipName,
});

class FixtureObject implements SoqlObject {
  readonly name: string;
  readonly keyPrefix: string;
  readonly queryable: boolean;
  readonly #fields: SoqlField[];
  readonly #byName: Map<string, SoqlField>;
  readonly #children: SoqlChildRelationship[];
  constructor(
    name: string,
    keyPrefix: string,
    fields: SoqlField[],
    children: SoqlChildRelationship[] = [],
    queryable = true,
  ) {
    this.name = name;
    this.keyPrefix = keyPrefix;
    this.queryable = queryable;
    this.#fields = fields;
    this.#byName = new Map(fields.map((x) => [x.name.toLowerCase(), x]));
    this.#children = children;
  }
  getField(name: string): SoqlField | undefined {
    return this.#byName.get(name.toLowerCase());
  }
  fields(): Iterable<SoqlField> {
    return this.#fields;
  }
  getChildRelationship(name: string): SoqlChildRelationship | undefined {
    return this.#children.find((c) => c.relationshipName?.toLowerCase() === name.toLowerCase());
  }
}

const OWNER_POLY = ref('OwnerId', 'Owner', ['Group', 'User'], { nillable: false });

const OBJECTS: FixtureObject[] = [
  new FixtureObject(
    'Account',
    '001',
    [
      f('Id', 'id', { nillable: false }),
      f('IsDeleted', 'boolean', { nillable: false }),
      f('Name', 'string', { nillable: false }),
      f('Type', 'picklist', { picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel'] }),
      ref('ParentId', 'Parent', ['Account']),
      f('BillingCity', 'string'),
      f('BillingAddress', 'address', { groupable: false, aggregatable: false }),
      f('Phone', 'phone'),
      f('Industry', 'picklist', { picklist: ['Technology', 'Energy', 'Banking'] }),
      f('AnnualRevenue', 'currency'),
      f('NumberOfEmployees', 'int'),
      f('Description', 'textarea', { filterable: false }),
      f('Rating', 'picklist', { picklist: ['Hot', 'Warm', 'Cold'] }),
      ref('OwnerId', 'Owner', ['User'], { nillable: false }),
      ...system(),
      f('LastActivityDate', 'date'),
      f('CustomerNumber__c', 'string', { groupable: false }),
      f('IsManufacturer__c', 'boolean', { nillable: false }),
      f('DataQualityScore__c', 'percent', { calculated: true }),
      f('TransmissionSystemOperator__c', 'multipicklist'),
      ref('SalesPartner__c', 'SalesPartner__r', ['Account']),
    ],
    [
      child('Contact', 'AccountId', 'Contacts'),
      child('Opportunity', 'AccountId', 'Opportunities'),
      child('Case', 'AccountId', 'Cases'),
      child('Account', 'ParentId', 'ChildAccounts'),
      child('Task', 'WhatId', 'Tasks'),
      child('Custom__c', 'Account__c', 'Customs__r'),
      { childSObject: 'Task', field: 'AccountId', relationshipName: null },
    ],
  ),
  new FixtureObject(
    'Contact',
    '003',
    [
      f('Id', 'id', { nillable: false }),
      f('IsDeleted', 'boolean', { nillable: false }),
      ref('AccountId', 'Account', ['Account']),
      f('LastName', 'string', { nillable: false }),
      f('FirstName', 'string'),
      f('Name', 'string', { nillable: false }),
      f('Email', 'email'),
      f('Phone', 'phone'),
      f('Title', 'string'),
      f('LeadSource', 'picklist', { picklist: ['Web', 'Phone Inquiry', 'Other'] }),
      f('Birthdate', 'date'),
      f('Description', 'textarea', { filterable: false }),
      ref('ReportsToId', 'ReportsTo', ['Contact']),
      ref('OwnerId', 'Owner', ['User'], { nillable: false }),
      ...system(),
    ],
    [
      child('Case', 'ContactId', 'Cases'),
      child('Task', 'WhoId', 'Tasks'),
      child('Contact', 'ReportsToId', 'ReportsToContacts'),
    ],
  ),
  new FixtureObject('Opportunity', '006', [
    f('Id', 'id', { nillable: false }),
    f('IsDeleted', 'boolean', { nillable: false }),
    ref('AccountId', 'Account', ['Account']),
    f('Name', 'string', { nillable: false }),
    f('StageName', 'picklist', { picklist: ['Prospecting', 'Closed Won', 'Closed Lost'] }),
    f('Amount', 'currency'),
    f('Probability', 'percent'),
    f('CloseDate', 'date', { nillable: false }),
    f('IsClosed', 'boolean', { nillable: false }),
    f('IsWon', 'boolean', { nillable: false }),
    f('TotalOpportunityQuantity', 'double'),
    ref('ContactId', '', ['Contact']),
    ref('OwnerId', 'Owner', ['User'], { nillable: false }),
    ...system(),
    f('Description', 'textarea', { filterable: false }),
  ]),
  new FixtureObject('Case', '500', [
    f('Id', 'id', { nillable: false }),
    f('IsDeleted', 'boolean', { nillable: false }),
    f('CaseNumber', 'string', { groupable: false }),
    ref('ContactId', 'Contact', ['Contact']),
    ref('AccountId', 'Account', ['Account']),
    f('Subject', 'string'),
    f('Status', 'picklist', { picklist: ['New', 'Working', 'Closed'] }),
    f('Priority', 'picklist'),
    f('IsClosed', 'boolean', { nillable: false }),
    f('Description', 'textarea', { filterable: false }),
    f('Comments', 'textarea', { filterable: false, sortable: true }),
    OWNER_POLY,
    ...system(),
  ]),
  new FixtureObject('Lead', '00Q', [
    f('Id', 'id', { nillable: false }),
    f('IsDeleted', 'boolean', { nillable: false }),
    f('LastName', 'string', { nillable: false }),
    f('FirstName', 'string'),
    f('Name', 'string', { nillable: false }),
    f('Company', 'string', { nillable: false }),
    f('Status', 'picklist', { picklist: ['Open', 'Working', 'Converted'] }),
    f('LeadSource', 'picklist'),
    f('Email', 'email'),
    f('AnnualRevenue', 'currency'),
    f('NumberOfEmployees', 'int'),
    f('IsConverted', 'boolean', { nillable: false }),
    ref('ConvertedAccountId', 'ConvertedAccount', ['Account']),
    OWNER_POLY,
    ...system(),
  ]),
  new FixtureObject('User', '005', [
    f('Id', 'id', { nillable: false }),
    f('Username', 'string', { nillable: false }),
    f('LastName', 'string', { nillable: false }),
    f('FirstName', 'string'),
    f('Name', 'string', { nillable: false }),
    f('Email', 'email', { nillable: false }),
    f('Alias', 'string', { nillable: false }),
    f('IsActive', 'boolean', { nillable: false }),
    ref('ManagerId', 'Manager', ['User']),
    ...system(),
  ]),
  new FixtureObject('Group', '00G', [
    f('Id', 'id', { nillable: false }),
    f('Name', 'string', { nillable: false }),
    f('DeveloperName', 'string'),
    f('Type', 'picklist', { nillable: false }),
    f('Email', 'email'),
    ...system(),
  ]),
  new FixtureObject('Task', '00T', [
    f('Id', 'id', { nillable: false }),
    f('IsDeleted', 'boolean', { nillable: false }),
    ref('WhoId', 'Who', ['Contact', 'Lead']),
    ref('WhatId', 'What', ['Account', 'Opportunity', 'Case', 'Custom__c']),
    f('Subject', 'combobox', { groupable: false }),
    f('ActivityDate', 'date'),
    f('Status', 'picklist', { nillable: false }),
    OWNER_POLY,
    ref('AccountId', 'Account', ['Account']),
    ...system(),
  ]),
  // The "Name" object stands for any record a polymorphic lookup can point to.
  new FixtureObject(
    'Name',
    '',
    [
      f('Id', 'id', { nillable: false }),
      f('Name', 'string'),
      f('LastName', 'string'),
      f('FirstName', 'string'),
      f('Type', 'picklist'),
      f('Alias', 'string'),
      f('IsActive', 'boolean', { nillable: false }),
      f('Email', 'email'),
      f('Title', 'string'),
      f('Username', 'string'),
    ],
    [],
    false,
  ),
  new FixtureObject('Custom__c', 'aB5', [
    f('Id', 'id', { nillable: false }),
    f('IsDeleted', 'boolean', { nillable: false }),
    f('Name', 'string'),
    f('CustomField__c', 'string'),
    ref('Account__c', 'Account__r', ['Account']),
    f('Amount__c', 'currency'),
    f('Tags__c', 'multipicklist', { picklist: ['Red', 'Blue', 'Green'] }),
    f('Active__c', 'boolean', { nillable: false }),
    f('Due__c', 'date'),
    f('Notes__c', 'textarea', { filterable: false }),
    OWNER_POLY,
    ...system(),
  ]),
];

export const schema: SoqlSchema = {
  getObject: (name) => OBJECTS.find((o) => o.name.toLowerCase() === name.toLowerCase()),
};
