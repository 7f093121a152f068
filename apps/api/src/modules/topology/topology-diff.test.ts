import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffDescribes, diffManifests } from './topology-diff.ts';

test('field changes list each property as [before, after]', () => {
  const before = {
    fields: [
      { name: 'Name', type: 'string', length: 80, label: 'Name', nillable: false },
      {
        name: 'Stage__c',
        type: 'picklist',
        picklistValues: [
          { value: 'A', active: true },
          { value: 'B', active: true },
        ],
        label: 'Stage',
      },
      { name: 'Gone__c', type: 'string' },
    ],
  };
  const after = {
    fields: [
      { name: 'Name', type: 'string', length: 120, label: 'Account Name', nillable: false },
      {
        name: 'Stage__c',
        type: 'picklist',
        picklistValues: [
          { value: 'A', active: true },
          { value: 'B', active: false },
          { value: 'C', active: true },
        ],
        label: 'Stage',
      },
      { name: 'New__c', type: 'double', precision: 18, scale: 2 },
    ],
  };
  const d = diffDescribes('Account', before, after);
  assert.deepEqual(d.added_fields, ['New__c']);
  assert.deepEqual(d.removed_fields, ['Gone__c']);
  assert.deepEqual(d.changed_fields, [
    { name: 'Name', changes: { length: [80, 120], label: ['Name', 'Account Name'] } },
    {
      name: 'Stage__c',
      changes: {
        picklistValues: [
          ['A', 'B'],
          ['A', 'C'],
        ],
      },
    },
  ]);
});

test('manifests: added, removed and changed objects, optionally filtered', () => {
  const a = { Account: 'h1', Contact: 'h2', Old__c: 'h3' };
  const b = { Account: 'h1', Contact: 'h9', New__c: 'h4' };
  assert.deepEqual(diffManifests(a, b, null), { added: ['New__c'], removed: ['Old__c'], changed: ['Contact'] });
  assert.deepEqual(diffManifests(a, b, new Set(['Account', 'Contact'])), {
    added: [],
    removed: [],
    changed: ['Contact'],
  });
});
