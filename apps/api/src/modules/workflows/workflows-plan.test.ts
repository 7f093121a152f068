import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metadataXmlRoot, planErrors, WorkflowsPlan } from '@sfx/contract';
import { assignmentRuleComponents } from './assignment-rules-xml.ts';
import { flowComponents } from './flow-xml.ts';

/** Parsed XML, navigated freely in assertions. */
type Tree = any;

const errorsOf = (plan: unknown) => {
  const r = WorkflowsPlan.safeParse(plan);
  return r.success ? [] : planErrors(r.error);
};
const fieldsOf = (plan: unknown) => errorsOf(plan).map((e) => e.field);
const FLOW_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata"><label>Raw</label><status>Draft</status></Flow>`;

test('every problem of a workflows plan comes back at once, each with its path', () => {
  const got = errorsOf({
    flows: [
      { api_name: 'Bad__Name', xml_content: '<Flow><label>x</Flow>' },
      { api_name: 'Set_Rating', object: 'Lead', set_fields: [] },
      { api_name: 'set_rating', label: 'Again', object: 'Lead', set_fields: [{ field: 'Rating', value: 'Hot' }] },
      {
        api_name: 'Both',
        xml_content: FLOW_XML,
        label: 'Both',
        conditions: [{ field: 'Status', operator: 'IsChanged', value: 'x' }],
      },
    ],
    assignment_rules: [
      { object: 'Case', rules: [] },
      {
        object: 'Lead',
        rules: [
          { name: 'One', active: true, entries: [{ assigned_to: 'q', assigned_to_type: 'Queue' }] },
          {
            name: 'one',
            active: true,
            entries: [{ assigned_to: 'u', assigned_to_type: 'User', boolean_filter: '1 AND 2' }],
          },
        ],
      },
    ],
  });
  assert.deepEqual(got.map((e) => e.field).sort(), [
    'assignment_rules[0].rules',
    'assignment_rules[1].rules',
    'assignment_rules[1].rules[1].entries[0].boolean_filter',
    'assignment_rules[1].rules[1].name',
    'flows[0].api_name',
    'flows[0].xml_content',
    'flows[1].label',
    'flows[1].set_fields',
    'flows[2].api_name',
    'flows[3].conditions',
    'flows[3].label',
  ]);
  const xml = got.find((e) => e.field === 'flows[0].xml_content');
  assert.match(xml?.message ?? '', /not well-formed XML \(line 1/);
});

test('raw XML: the right root, the metadata namespace, one root, no DOCTYPE', () => {
  const flow = (xml_content: string) => errorsOf({ flows: [{ api_name: 'F', xml_content }] });
  assert.match(
    flow('<Report xmlns="http://soap.sforce.com/2006/04/metadata"/>')[0]?.message ?? '',
    /root element <Flow>/,
  );
  assert.match(flow('<Flow><label>x</label></Flow>')[0]?.message ?? '', /xmlns=/);
  assert.match(flow('<Flow xmlns="http://soap.sforce.com/2006/04/metadata"/><Flow/>')[0]?.message ?? '', /exactly one/);
  assert.match(flow('<!DOCTYPE x [<!ENTITY a "b">]><Flow/>')[0]?.message ?? '', /DOCTYPE/);
  assert.deepEqual(flow(FLOW_XML), []);
  // Only Lead and Case have assignment rules (Salesforce's own restriction).
  assert.deepEqual(fieldsOf({ assignment_rules: [{ object: 'Account', xml_content: 'x' }] }).sort(), [
    'assignment_rules[0].object',
    'assignment_rules[0].xml_content',
  ]);
  assert.deepEqual(fieldsOf({}), ['plan']);
  assert.deepEqual(fieldsOf({ flows: [], assignment_rules: [] }), ['plan']);
});

test('a declarative flow becomes an active before-save record-triggered flow that sets the fields', () => {
  const plan = WorkflowsPlan.parse({
    flows: [
      {
        api_name: 'Set_Lead_Rating',
        label: 'Set lead rating & source',
        object: 'Lead',
        trigger: 'create',
        conditions: [{ field: 'AnnualRevenue', operator: 'GreaterThan', value: 1000000 }],
        set_fields: [
          { field: 'Rating', value: 'Hot' },
          { field: 'Is_Big__c', value: true },
          { field: 'Review_On__c', value: { date: '2026-01-31' } },
        ],
      },
    ],
  });
  const [c] = flowComponents(plan.flows ?? []);
  assert.equal(c?.type, 'Flow');
  assert.equal(c?.fullName, 'Set_Lead_Rating');
  const flow = metadataXmlRoot(c?.xml ?? '', 'Flow') as Tree;
  assert.equal(flow.label, 'Set lead rating & source');
  assert.equal(flow.processType, 'AutoLaunchedFlow');
  assert.equal(flow.status, 'Active');
  assert.deepEqual(
    {
      object: flow.start.object,
      trigger: flow.start.recordTriggerType,
      type: flow.start.triggerType,
      next: flow.start.connector.targetReference,
    },
    { object: 'Lead', trigger: 'Create', type: 'RecordBeforeSave', next: flow.assignments.name },
  );
  assert.deepEqual(flow.start.filters, {
    field: 'AnnualRevenue',
    operator: 'GreaterThan',
    value: { numberValue: 1000000 },
  });
  assert.deepEqual(
    flow.assignments.assignmentItems.map((i: Tree) => [i.assignToReference, i.operator, i.value]),
    [
      ['$Record.Rating', 'Assign', { stringValue: 'Hot' }],
      ['$Record.Is_Big__c', 'Assign', { booleanValue: true }],
      ['$Record.Review_On__c', 'Assign', { dateValue: '2026-01-31' }],
    ],
  );
  assert.match(c?.xml ?? '', /&amp; source/);
});

test('raw flow XML is deployed as given; assignment rules are one qualified file per object', () => {
  const plan = WorkflowsPlan.parse({
    flows: [{ api_name: 'Raw_Flow', xml_content: FLOW_XML }],
    assignment_rules: [
      {
        object: 'Lead',
        rules: [
          {
            name: 'Web Leads',
            active: true,
            entries: [
              {
                assigned_to: 'Web_Queue',
                assigned_to_type: 'Queue',
                criteria: [{ field: 'LeadSource', operation: 'equals', value: 'Web' }],
              },
            ],
          },
        ],
      },
    ],
  });
  assert.equal(flowComponents(plan.flows ?? [])[0]?.xml, FLOW_XML);
  const [rules] = assignmentRuleComponents(plan.assignment_rules ?? []);
  assert.deepEqual([rules?.type, rules?.fullName], ['AssignmentRules', 'Lead']);
  const root = metadataXmlRoot(rules?.xml ?? '', 'AssignmentRules') as Tree;
  assert.deepEqual(root.assignmentRule, {
    fullName: 'Web Leads',
    active: true,
    ruleEntry: {
      assignedTo: 'Web_Queue',
      assignedToType: 'Queue',
      criteriaItems: { field: 'Lead.LeadSource', operation: 'equals', value: 'Web' },
    },
  });
});

test('malformed input never throws: cross-field rules only trust what they check', () => {
  const weird = [
    { flows: [1, null, { api_name: 5, set_fields: 'x', conditions: [{ operator: 'IsNull', value: 3 }] }] },
    { assignment_rules: 'x', flows: {} },
    { assignment_rules: [{ object: 7, rules: [null, { name: 3, active: 'yes', entries: [{ boolean_filter: 9 }] }] }] },
  ];
  for (const plan of weird) assert.ok(errorsOf(plan).length > 0);
});
