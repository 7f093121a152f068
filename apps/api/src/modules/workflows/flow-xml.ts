import { type FlowPlan, type FlowValue, TRIGGERS } from '@sfx/contract';
import type { MetadataComponent } from '../deploy/components.ts';
import { mdDocument, repeated, type XmlNode } from './md-xml.ts';

// A declarative flow as Flow metadata (Metadata API "Flow", FlowStart, FlowAssignment): a record-
// triggered before-save flow (processType AutoLaunchedFlow, triggerType RecordBeforeSave) whose one
// assignment element sets fields on $Record; Salesforce saves them with the record, no extra DML. Its
// status is Active unless the plan says otherwise. Raw XML is deployed as given (the plan schema
// already checked it is a well-formed <Flow> document).

const ASSIGNMENT = 'Set_Fields';

export function flowValue(v: FlowValue): XmlNode[] {
  if (typeof v === 'string') return [['stringValue', v]];
  if (typeof v === 'boolean') return [['booleanValue', v]];
  if (typeof v === 'number') return [['numberValue', Number.isInteger(v) ? `${v}.0` : String(v)]];
  if ('date' in v) return [['dateValue', v.date]];
  return [['dateTimeValue', v.datetime]];
}

export function declarativeFlowXml(f: FlowPlan): string {
  const start: XmlNode[] = [
    ['locationX', 50],
    ['locationY', 0],
    ['connector', [['targetReference', ASSIGNMENT]]],
    ['filterLogic', f.conditions?.length ? (f.condition_logic ?? 'and') : undefined],
    ...repeated('filters', f.conditions, (c) => [
      ['field', c.field],
      ['operator', c.operator],
      ['value', flowValue(c.value)],
    ]),
    ['object', f.object],
    ['recordTriggerType', TRIGGERS[f.trigger ?? 'create_or_update']],
    ['triggerType', 'RecordBeforeSave'],
  ];
  return mdDocument('Flow', [
    [
      'assignments',
      [
        ['name', ASSIGNMENT],
        ['label', 'Set Fields'],
        ['locationX', 176],
        ['locationY', 134],
        ...repeated('assignmentItems', f.set_fields, (s) => [
          ['assignToReference', `$Record.${s.field}`],
          ['operator', 'Assign'],
          ['value', flowValue(s.value)],
        ]),
      ],
    ],
    ['description', f.description],
    ['interviewLabel', `${f.label} {!$Flow.CurrentDateTime}`],
    ['label', f.label],
    [
      'processMetadataValues',
      [
        ['name', 'BuilderType'],
        ['value', [['stringValue', 'LightningFlowBuilder']]],
      ],
    ],
    ['processType', 'AutoLaunchedFlow'],
    ['start', start],
    ['status', f.active === false ? 'Draft' : 'Active'],
  ]);
}

export function flowComponents(flows: readonly FlowPlan[]): MetadataComponent[] {
  return flows.map((f) => ({ type: 'Flow', fullName: f.api_name, xml: f.xml_content ?? declarativeFlowXml(f) }));
}
