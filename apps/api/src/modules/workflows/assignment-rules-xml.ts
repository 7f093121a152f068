import type { AssignmentRulesPlan } from '@sfx/contract';
import type { MetadataComponent } from '../deploy/components.ts';
import { mdDocument, repeated } from './md-xml.ts';

// Assignment rules as one AssignmentRules file per object (Metadata API "AssignmentRules": package.xml
// member `Lead`, file assignmentRules/Lead.assignmentRules). Each rule's entries are evaluated in order;
// criteria fields are qualified with the object (`Lead.LeadSource`), as Salesforce writes them.

export function assignmentRulesXml(a: AssignmentRulesPlan): string {
  return mdDocument(
    'AssignmentRules',
    repeated('assignmentRule', a.rules, (r) => [
      ['fullName', r.name],
      ['active', r.active ?? false],
      ...repeated('ruleEntry', r.entries, (e) => [
        ['assignedTo', e.assigned_to],
        ['assignedToType', e.assigned_to_type],
        ['booleanFilter', e.boolean_filter],
        ...repeated('criteriaItems', e.criteria, (c) => [
          ['field', `${a.object}.${c.field}`],
          ['operation', c.operation],
          ['value', c.value],
        ]),
      ]),
    ]),
  );
}

export function assignmentRuleComponents(rules: readonly AssignmentRulesPlan[]): MetadataComponent[] {
  return rules.map((a) => ({
    type: 'AssignmentRules',
    fullName: a.object,
    xml: a.xml_content ?? assignmentRulesXml(a),
  }));
}
