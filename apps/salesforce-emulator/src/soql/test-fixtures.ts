// A small, realistic schema and data set for the engine's tests. Field types and the filterable /
// sortable / groupable / aggregatable flags, relationship names and child relationships are copied
// from real REST describes (CumulusCI cassettes and a v62.0 Account describe; see README.md).
import { to18 } from './ids.ts';
import type {
  SoqlChildRelationship,
  SoqlData,
  SoqlField,
  SoqlObject,
  SoqlRow,
  SoqlRunOptions,
  SoqlSchema,
} from './types.ts';

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

/** 18-character ids with real key prefixes: id('001', 1) → "001000000000001AAA"-style. */
export const id = (prefix: string, n: number): string => to18(prefix + String(n).padStart(12, '0'));

export const ids = {
  u1: id('005', 1),
  u2: id('005', 2),
  g1: id('00G', 1),
  a1: id('001', 1),
  a2: id('001', 2),
  a3: id('001', 3),
  a4: id('001', 4),
  a5: id('001', 5),
  c1: id('003', 1),
  c2: id('003', 2),
  c3: id('003', 3),
  c4: id('003', 4),
  c5: id('003', 5),
  o1: id('006', 1),
  o2: id('006', 2),
  o3: id('006', 3),
  o4: id('006', 4),
  cs1: id('500', 1),
  cs2: id('500', 2),
  l1: id('00Q', 1),
  t1: id('00T', 1),
  t2: id('00T', 2),
  x1: id('aB5', 1),
  x2: id('aB5', 2),
  x3: id('aB5', 3),
};

const created = (d: string): Record<string, unknown> => ({ CreatedDate: `${d}.000+0000`, CreatedById: ids.u1 });

export const rows: Record<string, SoqlRow[]> = {
  User: [
    {
      Id: ids.u1,
      Username: 'alice@example.com',
      FirstName: 'Alice',
      LastName: 'Admin',
      Name: 'Alice Admin',
      Email: 'alice@example.com',
      Alias: 'aadmin',
      IsActive: true,
      ManagerId: null,
      ...created('2020-01-01T00:00:00'),
    },
    {
      Id: ids.u2,
      Username: 'bob@example.com',
      FirstName: 'Bob',
      LastName: 'Builder',
      Name: 'Bob Builder',
      Email: 'bob@example.com',
      Alias: 'bbuild',
      IsActive: false,
      ManagerId: ids.u1,
      ...created('2020-01-02T00:00:00'),
    },
  ],
  Group: [
    {
      Id: ids.g1,
      Name: 'Support Queue',
      DeveloperName: 'Support_Queue',
      Type: 'Queue',
      Email: null,
      ...created('2020-01-01T00:00:00'),
    },
  ],
  Account: [
    {
      Id: ids.a1,
      IsDeleted: false,
      Name: 'Acme',
      Type: 'Customer - Direct',
      ParentId: null,
      BillingCity: 'San Francisco',
      Industry: 'Technology',
      AnnualRevenue: 1000000,
      NumberOfEmployees: 100,
      Description: 'Big',
      Rating: 'Hot',
      OwnerId: ids.u1,
      LastActivityDate: '2024-06-14',
      IsManufacturer__c: true,
      TransmissionSystemOperator__c: 'TSO1;TSO2',
      SalesPartner__c: null,
      ...created('2024-01-15T10:00:00'),
    },
    {
      Id: ids.a2,
      IsDeleted: false,
      Name: 'Globex',
      Type: 'Prospect',
      ParentId: ids.a1,
      BillingCity: 'Springfield',
      Industry: 'Energy',
      AnnualRevenue: 500000,
      NumberOfEmployees: 50,
      Description: null,
      Rating: 'Cold',
      OwnerId: ids.u2,
      LastActivityDate: '2024-06-01',
      IsManufacturer__c: false,
      TransmissionSystemOperator__c: null,
      SalesPartner__c: ids.a1,
      ...created('2024-03-01T00:00:00'),
    },
    {
      Id: ids.a3,
      IsDeleted: false,
      Name: 'Initech',
      Type: null,
      ParentId: null,
      BillingCity: null,
      Industry: null,
      AnnualRevenue: null,
      NumberOfEmployees: 10,
      Description: null,
      Rating: 'Warm',
      OwnerId: ids.u1,
      LastActivityDate: null,
      IsManufacturer__c: false,
      TransmissionSystemOperator__c: null,
      SalesPartner__c: null,
      ...created('2023-12-31T23:59:59'),
    },
    {
      Id: ids.a4,
      IsDeleted: false,
      Name: 'acme labs',
      Type: 'Customer - Channel',
      ParentId: ids.a1,
      BillingCity: 'Boston',
      Industry: 'Technology',
      AnnualRevenue: 250000,
      NumberOfEmployees: null,
      Description: null,
      Rating: null,
      OwnerId: ids.u1,
      LastActivityDate: '2024-06-15',
      IsManufacturer__c: false,
      TransmissionSystemOperator__c: null,
      SalesPartner__c: null,
      ...created('2024-06-15T08:30:00'),
    },
    {
      Id: ids.a5,
      IsDeleted: true,
      Name: 'Old Co',
      Type: null,
      ParentId: null,
      BillingCity: 'Nowhere',
      Industry: 'Banking',
      AnnualRevenue: 10,
      NumberOfEmployees: 1,
      Description: null,
      Rating: null,
      OwnerId: ids.u1,
      LastActivityDate: null,
      IsManufacturer__c: false,
      TransmissionSystemOperator__c: null,
      SalesPartner__c: null,
      ...created('2022-01-01T00:00:00'),
    },
  ],
  Contact: [
    {
      Id: ids.c1,
      IsDeleted: false,
      AccountId: ids.a1,
      FirstName: 'Jane',
      LastName: 'Doe',
      Name: 'Jane Doe',
      Email: 'jane@acme.com',
      Title: 'CEO',
      LeadSource: 'Web',
      Birthdate: '1990-05-01',
      ReportsToId: null,
      OwnerId: ids.u1,
      ...created('2024-01-16T09:00:00'),
    },
    {
      Id: ids.c2,
      IsDeleted: false,
      AccountId: ids.a1,
      FirstName: 'John',
      LastName: 'Smith',
      Name: 'John Smith',
      Email: null,
      Title: null,
      LeadSource: 'Phone Inquiry',
      Birthdate: '1985-12-24',
      ReportsToId: ids.c1,
      OwnerId: ids.u1,
      ...created('2024-02-01T09:00:00'),
    },
    {
      Id: ids.c3,
      IsDeleted: false,
      AccountId: ids.a2,
      FirstName: 'Mary',
      LastName: 'Major',
      Name: 'Mary Major',
      Email: 'mary@globex.com',
      Title: 'CTO',
      LeadSource: 'Web',
      Birthdate: null,
      ReportsToId: null,
      OwnerId: ids.u2,
      ...created('2024-03-02T09:00:00'),
    },
    {
      Id: ids.c4,
      IsDeleted: false,
      AccountId: null,
      FirstName: null,
      LastName: 'Orphan',
      Name: 'Orphan',
      Email: 'orphan@example.com',
      Title: null,
      LeadSource: null,
      Birthdate: null,
      ReportsToId: null,
      OwnerId: ids.u1,
      ...created('2024-04-01T09:00:00'),
    },
    {
      Id: ids.c5,
      IsDeleted: true,
      AccountId: ids.a1,
      FirstName: 'Gone',
      LastName: 'Away',
      Name: 'Gone Away',
      Email: null,
      Title: null,
      LeadSource: null,
      Birthdate: null,
      ReportsToId: null,
      OwnerId: ids.u1,
      ...created('2024-01-01T09:00:00'),
    },
  ],
  Opportunity: [
    {
      Id: ids.o1,
      IsDeleted: false,
      AccountId: ids.a1,
      Name: 'Acme Deal',
      StageName: 'Closed Won',
      Amount: 100000,
      Probability: 100,
      CloseDate: '2024-06-30',
      IsClosed: true,
      IsWon: true,
      TotalOpportunityQuantity: 5,
      OwnerId: ids.u1,
      ...created('2024-01-20T00:00:00'),
    },
    {
      Id: ids.o2,
      IsDeleted: false,
      AccountId: ids.a1,
      Name: 'Acme Upsell',
      StageName: 'Prospecting',
      Amount: 50000,
      Probability: 10,
      CloseDate: '2024-07-15',
      IsClosed: false,
      IsWon: false,
      TotalOpportunityQuantity: null,
      OwnerId: ids.u2,
      ...created('2024-05-20T00:00:00'),
    },
    {
      Id: ids.o3,
      IsDeleted: false,
      AccountId: ids.a2,
      Name: 'Globex Deal',
      StageName: 'Closed Lost',
      Amount: 75000,
      Probability: 0,
      CloseDate: '2024-05-01',
      IsClosed: true,
      IsWon: false,
      TotalOpportunityQuantity: 2.5,
      OwnerId: ids.u1,
      ...created('2024-03-05T00:00:00'),
    },
    {
      Id: ids.o4,
      IsDeleted: false,
      AccountId: null,
      Name: 'No Account Deal',
      StageName: 'Prospecting',
      Amount: null,
      Probability: 10,
      CloseDate: '2024-08-01',
      IsClosed: false,
      IsWon: false,
      TotalOpportunityQuantity: null,
      OwnerId: ids.u1,
      ...created('2024-06-10T00:00:00'),
    },
  ],
  Case: [
    {
      Id: ids.cs1,
      IsDeleted: false,
      CaseNumber: '00001001',
      ContactId: ids.c1,
      AccountId: ids.a1,
      Subject: 'Broken',
      Status: 'New',
      Priority: 'High',
      IsClosed: false,
      Description: null,
      OwnerId: ids.g1,
      ...created('2024-06-01T00:00:00'),
    },
    {
      Id: ids.cs2,
      IsDeleted: false,
      CaseNumber: '00001002',
      ContactId: null,
      AccountId: null,
      Subject: 'Question',
      Status: 'Closed',
      Priority: 'Low',
      IsClosed: true,
      Description: null,
      OwnerId: ids.u1,
      ...created('2024-06-02T00:00:00'),
    },
  ],
  Lead: [
    {
      Id: ids.l1,
      IsDeleted: false,
      FirstName: 'Lee',
      LastName: 'One',
      Name: 'Lee One',
      Company: 'Umbrella',
      Status: 'Open',
      LeadSource: 'Web',
      Email: null,
      AnnualRevenue: null,
      NumberOfEmployees: 5,
      IsConverted: false,
      ConvertedAccountId: null,
      OwnerId: ids.g1,
      ...created('2024-06-03T00:00:00'),
    },
  ],
  Task: [
    {
      Id: ids.t1,
      IsDeleted: false,
      WhoId: ids.c1,
      WhatId: ids.o1,
      Subject: 'Call',
      ActivityDate: '2024-06-14',
      Status: 'Completed',
      OwnerId: ids.u1,
      AccountId: ids.a1,
      ...created('2024-06-14T10:00:00'),
    },
    {
      Id: ids.t2,
      IsDeleted: false,
      WhoId: ids.l1,
      WhatId: null,
      Subject: 'Email',
      ActivityDate: null,
      Status: 'Not Started',
      OwnerId: ids.g1,
      AccountId: null,
      ...created('2024-06-14T11:00:00'),
    },
  ],
  Custom__c: [
    {
      Id: ids.x1,
      IsDeleted: false,
      Name: 'X1',
      CustomField__c: 'alpha',
      Account__c: ids.a1,
      Amount__c: 10,
      Tags__c: 'Red;Blue',
      Active__c: true,
      Due__c: '2024-06-20',
      Notes__c: null,
      OwnerId: ids.u1,
      ...created('2024-06-01T00:00:00'),
    },
    {
      Id: ids.x2,
      IsDeleted: false,
      Name: 'X2',
      CustomField__c: null,
      Account__c: ids.a2,
      Amount__c: 20,
      Tags__c: 'Green',
      Active__c: false,
      Due__c: null,
      Notes__c: null,
      OwnerId: ids.g1,
      ...created('2024-06-02T00:00:00'),
    },
    {
      Id: ids.x3,
      IsDeleted: false,
      Name: 'X3',
      CustomField__c: 'beta',
      Account__c: null,
      Amount__c: null,
      Tags__c: null,
      Active__c: false,
      Due__c: null,
      Notes__c: null,
      OwnerId: ids.u1,
      ...created('2024-06-03T00:00:00'),
    },
  ],
};

/** An in-memory SoqlData over `rows`; `withChildren` exposes the optional children() index. */
export function fixtureData(withChildren = false, source: Record<string, SoqlRow[]> = rows): SoqlData {
  // Frozen, so a test fails if the engine ever writes to a stored row.
  for (const list of Object.values(source)) for (const row of list) Object.freeze(row);
  const byId = new Map<string, { objectName: string; row: SoqlRow }>();
  for (const [objectName, list] of Object.entries(source))
    for (const row of list) byId.set((row.Id as string).slice(0, 15), { objectName, row });
  const visible = (row: SoqlRow, includeDeleted: boolean): boolean => includeDeleted || row.IsDeleted !== true;
  const data: SoqlData = {
    scan: (objectName, includeDeleted) => (source[objectName] ?? []).filter((r) => visible(r, includeDeleted)),
    get: (recordId, includeDeleted) => {
      const hit = byId.get(recordId.slice(0, 15));
      return hit && visible(hit.row, includeDeleted) ? hit : undefined;
    },
  };
  if (withChildren) {
    data.children = (childObject, field, parentId, includeDeleted) =>
      (source[childObject] ?? []).filter((r) => r[field] === parentId && visible(r, includeDeleted));
  }
  return data;
}

/** Saturday 15 June 2024, noon UTC: the reference instant for date literals in tests. */
export const NOW = new Date('2024-06-15T12:00:00.000Z');

export const opts = (extra: Partial<SoqlRunOptions> = {}): SoqlRunOptions => ({
  apiVersion: '62.0',
  includeDeleted: false,
  now: NOW,
  ...extra,
});
