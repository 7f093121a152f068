import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CustomObjectsPlan, planErrors } from '@sfx/contract';

const errorsOf = (plan: unknown) => {
  const r = CustomObjectsPlan.safeParse(plan);
  return r.success ? [] : planErrors(r.error);
};
const fields = (plan: unknown) => errorsOf(plan).map((e) => e.field);

test('every problem of a plan comes back at once, each with its path', () => {
  const got = errorsOf({
    custom_objects: [
      {
        api_name: 'Bad',
        label: 'Bad',
        fields: [
          { api_name: 'Amount__c', label: 'Amount', type: 'Number', precision: 5, scale: 7 },
          { api_name: 'amount__c', label: 'Again', type: 'Text', bogus: 1 },
          { api_name: 'Account__c', label: 'Account', type: 'Lookup' },
        ],
      },
    ],
    standard_object_fields: [
      { object: 'Account', fields: [{ api_name: 'Vip__c', label: 'VIP', type: 'Checkbox', default_value: 'yes' }] },
    ],
  });
  assert.deepEqual(got.map((e) => e.field).sort(), [
    'custom_objects[0].api_name',
    'custom_objects[0].fields[0].scale',
    'custom_objects[0].fields[1].api_name',
    'custom_objects[0].fields[1].bogus',
    'custom_objects[0].fields[2].related_to',
    'standard_object_fields[0].fields[0].default_value',
  ]);
});

test("Salesforce's naming rules and limits", () => {
  const obj = (api_name: string) => ({ custom_objects: [{ api_name, label: 'X' }] });
  assert.deepEqual(fields(obj('Two__Under__c')), ['custom_objects[0].api_name']);
  assert.deepEqual(fields(obj('Trailing___c')), ['custom_objects[0].api_name']);
  assert.deepEqual(fields(obj('1Digit__c')), ['custom_objects[0].api_name']);
  assert.deepEqual(fields(obj(`${'A'.repeat(41)}__c`)), ['custom_objects[0].api_name']);
  assert.deepEqual(fields(obj(`${'A'.repeat(40)}__c`)), []);
});

test('scale 0 is accepted; the first picklist value is not forced to be the default', () => {
  const r = CustomObjectsPlan.parse({
    custom_objects: [
      {
        api_name: 'Deal__c',
        label: 'Deal',
        fields: [
          { api_name: 'Seats__c', label: 'Seats', type: 'Number', precision: 6, scale: 0 },
          { api_name: 'Stage__c', label: 'Stage', type: 'Picklist', values: ['New', 'Won'] },
        ],
      },
    ],
  });
  assert.equal(r.custom_objects?.[0]?.fields?.[0]?.scale, 0);
});

test('MasterDetail needs ControlledByParent; attributes must fit the type; zero components is an error', () => {
  assert.deepEqual(
    fields({
      custom_objects: [
        {
          api_name: 'Line__c',
          label: 'Line',
          sharing_model: 'ReadWrite',
          fields: [
            { api_name: 'Deal__c', label: 'Deal', type: 'MasterDetail', related_to: 'Deal__c', required: true },
            { api_name: 'Note__c', label: 'Note', type: 'Date', length: 10 },
            { api_name: 'Code__c', label: 'Code', type: 'Phone', unique: true },
          ],
        },
      ],
    }).sort(),
    [
      'custom_objects[0].fields[0].required',
      'custom_objects[0].fields[1].length',
      'custom_objects[0].fields[2].unique',
      'custom_objects[0].fields[2].unique',
      'custom_objects[0].sharing_model',
    ],
  );
  assert.deepEqual(fields({}), ['plan']);
  assert.deepEqual(fields({ custom_objects: [] }), ['plan']);
});
