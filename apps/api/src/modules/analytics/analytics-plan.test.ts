import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalyticsPlan, metadataXmlRoot, planErrors } from '@sfx/contract';
import { analyticsComponents } from './analytics-xml.ts';

/** Parsed XML, navigated freely in assertions. */
type Tree = any;

const errorsOf = (plan: unknown) => {
  const r = AnalyticsPlan.safeParse(plan);
  return r.success ? [] : planErrors(r.error);
};

test('every problem of an analytics plan comes back at once, each with its path', () => {
  const got = errorsOf({
    report_folders: [{ api_name: 'Sales' }, { api_name: 'sales', name: 'Again', access_type: 'Open' }],
    reports: [
      { api_name: 'Open_Deals', folder: 'Nowhere', name: 'Open', object: 'Deal__c', columns: ['Amount__c'] },
      { api_name: 'By_Stage', folder: 'Sales', name: 'By stage', format: 'Summary', report_type: 'Opportunity' },
      { api_name: 'Both', folder: 'Sales', name: 'Both', object: 'Deal__c', report_type: 'X', columns: ['A'] },
      {
        api_name: 'Flat',
        folder: 'Sales',
        name: 'Flat',
        object: 'Deal__c',
        columns: ['Amount__c'],
        groupings: [{ field: 'Stage__c' }],
        filters: [{ column: 'Stage__c', operator: 'like', value: 'x' }],
      },
    ],
    dashboards: [
      {
        api_name: 'Pipeline',
        folder: 'Dash',
        title: 'Pipeline',
        dashboard_type: 'SpecifiedUser',
        components: [
          { report: 'Sales/Open_Deals', type: 'Bar' },
          { report: 'Sales/Missing', type: 'Metric' },
        ],
      },
    ],
  });
  assert.deepEqual(got.map((e) => e.field).sort(), [
    'dashboards[0].components[0].report',
    'dashboards[0].components[1].report',
    'dashboards[0].folder',
    'dashboards[0].running_user',
    'report_folders[0].name',
    'report_folders[1].access_type',
    'report_folders[1].api_name',
    'reports[0].folder',
    'reports[1].columns',
    'reports[1].groupings',
    'reports[2].object',
    'reports[3].filters[0].operator',
    'reports[3].groupings',
  ]);
  assert.deepEqual(
    errorsOf({}).map((e) => e.field),
    ['plan'],
  );
});

test('folders, a summary report over a custom object and a dashboard, as Metadata API files', () => {
  const plan = AnalyticsPlan.parse({
    report_folders: [{ api_name: 'Sales_Reports', name: 'Sales Reports' }],
    dashboard_folders: [{ api_name: 'Sales_Dash', name: 'Sales Dashboards', access_type: 'Hidden' }],
    reports: [
      {
        api_name: 'Deals_By_Stage',
        folder: 'Sales_Reports',
        name: 'Deals by stage',
        format: 'Summary',
        object: 'Deal__c',
        columns: ['CUST_NAME', 'Amount__c', 'Deal__c.Owner__c'],
        filters: [{ column: 'Amount__c', operator: 'greaterThan', value: '100' }],
        groupings: [{ field: 'Stage__c', sort_order: 'Desc' }],
      },
    ],
    dashboards: [
      {
        api_name: 'Pipeline',
        folder: 'Sales_Dash',
        title: 'Pipeline',
        components: [
          { report: 'Sales_Reports/Deals_By_Stage', type: 'Bar', title: 'By stage' },
          { report: 'Sales_Reports/Deals_By_Stage', type: 'Metric', section: 'right' },
        ],
      },
    ],
  });
  const cs = analyticsComponents(plan);
  assert.deepEqual(
    cs.map((c) => [c.type, c.fullName]),
    [
      ['ReportFolder', 'Sales_Reports'],
      ['DashboardFolder', 'Sales_Dash'],
      ['Report', 'Sales_Reports/Deals_By_Stage'],
      ['Dashboard', 'Sales_Dash/Pipeline'],
    ],
  );
  assert.deepEqual(metadataXmlRoot(cs[1]?.xml ?? '', 'DashboardFolder'), {
    accessType: 'Hidden',
    name: 'Sales Dashboards',
    '@_xmlns': 'http://soap.sforce.com/2006/04/metadata',
  });
  const report = metadataXmlRoot(cs[2]?.xml ?? '', 'Report') as Tree;
  assert.deepEqual(
    report.columns.map((c: Tree) => c.field),
    ['CUST_NAME', 'Deal__c.Amount__c', 'Deal__c.Owner__c'],
  );
  assert.equal(report.reportType, 'CustomEntity$Deal__c');
  assert.equal(report.format, 'Summary');
  assert.deepEqual(report.groupingsDown, { field: 'Deal__c.Stage__c', sortOrder: 'Desc' });
  assert.deepEqual(report.filter.criteriaItems, { column: 'Deal__c.Amount__c', operator: 'greaterThan', value: 100 });
  const dash = metadataXmlRoot(cs[3]?.xml ?? '', 'Dashboard') as Tree;
  assert.equal(dash.dashboardType, 'LoggedInUser');
  assert.equal(dash.title, 'Pipeline');
  assert.equal(dash.leftSection.components.componentType, 'Bar');
  assert.equal(dash.leftSection.components.groupingColumn, 'Deal__c.Stage__c');
  assert.equal(dash.leftSection.components.report, 'Sales_Reports/Deals_By_Stage');
  assert.equal(dash.rightSection.components.componentType, 'Metric');
  assert.equal(dash.rightSection.components.groupingColumn, undefined);
  assert.equal(dash.middleSection, undefined);
});

test('malformed analytics input never throws', () => {
  const weird = [
    { reports: [null, 3, { api_name: 1, folder: {}, groupings: 'x', boolean_filter: 2 }], dashboards: 'x' },
    { dashboards: [{ components: [null, { report: 5 }], folder: 1 }], report_folders: [{ api_name: [] }] },
  ];
  for (const plan of weird) assert.ok(errorsOf(plan).length > 0);
});
