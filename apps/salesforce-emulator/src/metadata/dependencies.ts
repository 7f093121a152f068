// The reference graph between components: formula fields and validation rules → the fields they read,
// lookups → the object they point at, flows → the objects and fields they use, layouts → the fields
// they show, picklists → their global value set. Deleting a referenced component fails as Salesforce
// fails it ("This custom field is referenced elsewhere in salesforce.com. : Custom Formula Field - X."),
// and Tooling's MetadataComponentDependency is answered from the same graph.
import type { Component } from './component-store.ts';
import { formulaFields } from './field-rules.ts';
import type { Workspace } from './workspace.ts';
import { splitName } from './workspace.ts';
import { records, text, type MdRecord, type MdValue } from './xml-codec.ts';

export interface Reference {
  fromType: string;
  fromName: string;
  /** How a deletion failure names the referencing component ("Custom Formula Field", "Flow", …). */
  fromLabel: string;
  toType: string;
  toName: string;
}

export function allReferences(ws: Workspace): Reference[] {
  const out: Reference[] = [];
  for (const [, def] of ws.schema.overlayEntries()) {
    if (!def) continue;
    for (const f of def.fields) {
      if (!f.custom) continue;
      const from = `${def.name}.${f.name}`;
      const formula = def.extras[f.name]?.formula;
      if (formula) {
        for (const ident of formulaFields(formula)) {
          if (!ident.includes('.') && /__c$/i.test(ident))
            out.push({
              fromType: 'CustomField',
              fromName: from,
              fromLabel: 'Custom Formula Field',
              toType: 'CustomField',
              toName: `${def.name}.${canonicalField(ws, def.name, ident)}`,
            });
        }
      }
      if (f.type === 'reference' && f.referenceTo[0]?.endsWith('__c'))
        out.push({
          fromType: 'CustomField',
          fromName: from,
          fromLabel: 'Custom Field Definition',
          toType: 'CustomObject',
          toName: f.referenceTo[0],
        });
    }
  }
  for (const c of ws.store.list('CustomField')) {
    const gvs = text(records(c.record.valueSet)[0]?.valueSetName);
    if (gvs)
      out.push({
        fromType: 'CustomField',
        fromName: c.fullName,
        fromLabel: 'Custom Field Definition',
        toType: 'GlobalValueSet',
        toName: gvs,
      });
  }
  for (const c of ws.store.list('ValidationRule')) {
    const [object] = splitName(c.fullName);
    for (const ident of formulaFields(text(c.record.errorConditionFormula) ?? '')) {
      if (!ident.includes('.') && /__c$/i.test(ident))
        out.push({
          fromType: 'ValidationRule',
          fromName: c.fullName,
          fromLabel: 'Validation Rule',
          toType: 'CustomField',
          toName: `${object}.${canonicalField(ws, object, ident)}`,
        });
    }
  }
  for (const c of ws.store.list('Flow')) out.push(...flowReferences(ws, c));
  for (const c of ws.store.list('Layout')) {
    const object = c.fullName.split('-')[0]!;
    for (const field of layoutFields(c.record)) {
      if (/__c$/i.test(field))
        out.push({
          fromType: 'Layout',
          fromName: c.fullName,
          fromLabel: 'Layout',
          toType: 'CustomField',
          toName: `${object}.${canonicalField(ws, object, field)}`,
        });
    }
  }
  return out;
}

function canonicalField(ws: Workspace, object: string, field: string): string {
  return ws.schema.getObject(object)?.fieldMap.get(field.toLowerCase())?.name ?? field;
}

export function layoutFields(record: MdRecord): string[] {
  const out: string[] = [];
  for (const section of records(record.layoutSections)) {
    for (const column of records(section.layoutColumns)) {
      for (const item of records(column.layoutItems)) {
        const f = text(item.field);
        if (f) out.push(f);
      }
    }
  }
  return out;
}

/** Objects a flow names (<object>, start.object) and the fields it reads or writes on them. */
function flowReferences(ws: Workspace, c: Component): Reference[] {
  const objects = new Set<string>();
  const fields = new Set<string>();
  const walk = (v: MdValue, key: string) => {
    if (typeof v === 'string') {
      if (key === 'object' && v) objects.add(v);
      if (key === 'field' && v) fields.add(v);
      for (const m of v.matchAll(/\$Record\.([A-Za-z0-9_]+)/g)) fields.add(m[1]!);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(c.record, '');
  const out: Reference[] = [];
  for (const o of objects) {
    const def = ws.schema.getObject(o);
    if (!def) continue;
    if (def.custom)
      out.push({ fromType: 'Flow', fromName: c.fullName, fromLabel: 'Flow', toType: 'CustomObject', toName: def.name });
    for (const f of fields) {
      const fd = def.fieldMap.get(f.toLowerCase());
      if (fd?.custom)
        out.push({
          fromType: 'Flow',
          fromName: c.fullName,
          fromLabel: 'Flow',
          toType: 'CustomField',
          toName: `${def.name}.${fd.name}`,
        });
    }
  }
  return out;
}

/** References to a component from components that are not themselves being deleted. */
export function referencesTo(
  ws: Workspace,
  type: string,
  fullName: string,
  ignoring: (type: string, name: string) => boolean = () => false,
): Reference[] {
  const key = fullName.toLowerCase();
  return allReferences(ws).filter(
    (r) =>
      r.toType === type &&
      r.toName.toLowerCase() === key &&
      r.fromName.toLowerCase() !== key &&
      !ignoring(r.fromType, r.fromName),
  );
}

export function referencedMessage(noun: string, refs: Reference[]): string {
  return refs
    .map((r) => `This ${noun} is referenced elsewhere in salesforce.com. : ${r.fromLabel} - ${r.fromName}.`)
    .join(' ');
}
