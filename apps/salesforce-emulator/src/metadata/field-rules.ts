// CustomField metadata ↔ the schema's FieldSpec, with Salesforce's validation of a field definition.
// Problem texts confirmed from real deploy output are used as is ("In field: … - no … named … found",
// "Field X does not exist. Check spelling."); the others are listed in the README's fidelity notes.
import type { FieldSpec, FieldType, PicklistValueSpec } from '../schema/field-factory.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import { fail, noSuch, type Problem } from './handler-types.ts';
import type { Workspace } from './workspace.ts';
import { bool, int, records, text, type MdRecord } from './xml-codec.ts';

const FIELD_TYPES = new Set<string>([
  'Text',
  'TextArea',
  'LongTextArea',
  'Html',
  'Number',
  'Currency',
  'Percent',
  'Checkbox',
  'Date',
  'DateTime',
  'Time',
  'Email',
  'Phone',
  'Url',
  'Picklist',
  'MultiselectPicklist',
  'Lookup',
  'MasterDetail',
  'AutoNumber',
  'EncryptedText',
]);

export const NAME_RULE =
  'can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include ' +
  'spaces, not end with an underscore, and not contain two consecutive underscores.';

/** A custom API name: letters, digits, single underscores, ending __c; at most 40 characters before it. */
export function customNameProblem(name: string, noun: string): Problem | undefined {
  if (!/__c$/.test(name)) return { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `The ${noun} ${NAME_RULE}` };
  const base = name.slice(0, -3);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(base) || base.endsWith('_'))
    return { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `The ${noun} ${NAME_RULE}` };
  if (base.includes('__')) {
    const ns = base.split('__')[0];
    return {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        `Cannot create a new component with the namespace: ${ns}. Only components in the same namespace as ` +
        `the organization can be created through the API`,
    };
  }
  if (base.length > 40)
    return {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `The ${noun} must be 40 characters or fewer (without __c): ${name}`,
    };
  return undefined;
}

/** Identifiers a formula reads on its own object (function names, literals and $globals left out). */
export function formulaFields(formula: string): string[] {
  const code = formula.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const out = new Set<string>();
  for (const m of code.matchAll(/(\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\s*\()?/g)) {
    const [, ident, call] = m;
    if (call || !ident || ident.startsWith('$')) continue;
    if (/^(true|false|null|and|or|not)$/i.test(ident)) continue;
    out.add(ident);
  }
  return [...out];
}

/** "Field X does not exist. Check spelling." for the first same-object identifier that is not a field. */
export function formulaProblem(def: ObjectDef, formula: string, self?: string): Problem | undefined {
  for (const ident of formulaFields(formula)) {
    if (ident.includes('.')) continue; // cross-object paths are not resolved here
    if (self && ident.toLowerCase() === self.toLowerCase())
      return { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Field ${ident} is referenced in its own formula` };
    if (!def.fieldMap.has(ident.toLowerCase()))
      return { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Field ${ident} does not exist. Check spelling.` };
  }
  return undefined;
}

type SpecResult = { ok: true; spec: FieldSpec } | { ok: false; problems: Problem[] };

/** Validates a CustomField record for object `def` and maps it to a FieldSpec. */
export function fieldSpec(
  ws: Workspace,
  def: ObjectDef,
  fieldName: string,
  r: MdRecord,
  sharingModel: string,
): SpecResult {
  const bad = customNameProblem(fieldName, 'Field Name');
  if (bad) return { ok: false, problems: [bad] };
  const label = text(r.label);
  if (!label) return fail('REQUIRED_FIELD_MISSING', 'Must specify a non-empty label for the CustomField', ['label']);
  if (label.length > 40)
    return fail('STRING_TOO_LONG', `Field Label: data value too large: ${label} (max length=40)`, ['label']);
  const type = text(r.type);
  const formula = text(r.formula);
  if (!type) return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: type', ['type']);
  if (!FIELD_TYPES.has(type))
    return fail('INVALID_TYPE', `'${type}' is not a valid value for the enum 'FieldType'`, ['type']);
  const help = text(r.inlineHelpText);
  if (help && help.length > 510)
    return fail('STRING_TOO_LONG', `Help Text: data value too large (max length=510)`, ['inlineHelpText']);
  const description = text(r.description);
  if (description && description.length > 1000)
    return fail('STRING_TOO_LONG', `Description: data value too large (max length=1000)`, ['description']);
  const spec: FieldSpec = {
    name: fieldName,
    type: type as FieldType,
    label,
    required: bool(r.required),
    unique: bool(r.unique),
    externalId: bool(r.externalId),
    caseSensitive: bool(r.caseSensitive),
    description,
    inlineHelpText: help,
  };
  const dv = text(r.defaultValue);
  if (dv !== undefined && dv !== '') spec.defaultValue = dv;
  if (formula !== undefined && formula !== '') {
    const p = formulaProblem(def, formula, fieldName);
    if (p) return { ok: false, problems: [p] };
    spec.formula = formula;
    spec.required = false;
  }
  const length = int(r.length);
  const precision = int(r.precision);
  const scale = int(r.scale);
  switch (type) {
    case 'Text':
    case 'EncryptedText':
      if (formula) break;
      if (length === undefined)
        return fail('REQUIRED_FIELD_MISSING', `Must specify 'length' for a CustomField of type ${type}`, ['length']);
      if (!(length >= 1 && length <= (type === 'Text' ? 255 : 175)))
        return fail('FIELD_INTEGRITY_EXCEPTION', `Length must be between 1 and ${type === 'Text' ? 255 : 175}`, [
          'length',
        ]);
      spec.length = length;
      break;
    case 'LongTextArea':
    case 'Html':
      if (length === undefined)
        return fail('REQUIRED_FIELD_MISSING', `Must specify 'length' for a CustomField of type ${type}`, ['length']);
      if (!(length >= 256 && length <= 131072))
        return fail('FIELD_INTEGRITY_EXCEPTION', 'Length must be between 256 and 131,072', ['length']);
      if (int(r.visibleLines) === undefined)
        return fail('REQUIRED_FIELD_MISSING', `Must specify 'visibleLines' for a CustomField of type ${type}`, [
          'visibleLines',
        ]);
      spec.length = length;
      break;
    case 'Number':
    case 'Currency':
    case 'Percent':
      if (formula && precision === undefined) break;
      if (precision === undefined)
        return fail('REQUIRED_FIELD_MISSING', `Must specify 'precision' for a CustomField of type ${type}`, [
          'precision',
        ]);
      if (!(precision >= 1 && precision <= 18))
        return fail('FIELD_INTEGRITY_EXCEPTION', 'Precision must be between 1 and 18', ['precision']);
      if (scale !== undefined && !(scale >= 0 && scale <= precision))
        return fail('FIELD_INTEGRITY_EXCEPTION', 'Scale must be less than or equal to precision', ['scale']);
      spec.precision = precision;
      spec.scale = scale ?? 0;
      break;
    case 'Picklist':
    case 'MultiselectPicklist': {
      const values = picklistValues(ws, r);
      if (!values.ok) return values;
      spec.picklistValues = values.values;
      spec.restricted = values.restricted;
      break;
    }
    case 'Lookup':
    case 'MasterDetail': {
      const target = text(r.referenceTo);
      if (!target) return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: referenceTo', ['referenceTo']);
      const parent = ws.schema.getObject(target);
      if (!parent) return noSuch('referenceTo', 'CustomObject', target);
      if (type === 'MasterDetail' && sharingModel !== 'ControlledByParent') {
        return fail(
          'FIELD_INTEGRITY_EXCEPTION',
          `Cannot create a master-detail relationship field on ${def.name}: its sharingModel must be ControlledByParent`,
          ['type'],
        );
      }
      spec.referenceTo = parent.name;
      spec.relationshipName = text(r.relationshipName) ?? fieldName.replace(/__c$/, '');
      const constraint = text(r.deleteConstraint);
      if (constraint === 'SetNull' || constraint === 'Restrict' || constraint === 'Cascade')
        spec.deleteConstraint = constraint;
      spec.reparentableMasterDetail = bool(r.reparentableMasterDetail);
      break;
    }
    case 'AutoNumber':
      spec.displayFormat = text(r.displayFormat) || 'A-{0}';
      spec.startingNumber = int(r.startingNumber) ?? 1;
      break;
  }
  return { ok: true, spec };
}

function picklistValues(
  ws: Workspace,
  r: MdRecord,
): { ok: true; values: PicklistValueSpec[]; restricted: boolean } | { ok: false; problems: Problem[] } {
  const valueSet = records(r.valueSet)[0];
  if (!valueSet) return { ok: true, values: [], restricted: false };
  const global = text(valueSet.valueSetName);
  if (global) {
    const gvs = ws.store.get('GlobalValueSet', global);
    if (!gvs) return noSuch('valueSetName', 'GlobalValueSet', global);
    const values = records(gvs.record.customValue).map((v) => ({
      value: text(v.fullName) ?? '',
      label: text(v.label),
      default: bool(v.default),
      active: bool(v.isActive, true),
    }));
    return { ok: true, values, restricted: true };
  }
  const definition = records(valueSet.valueSetDefinition)[0];
  const values = records(definition?.value).map((v) => ({
    value: text(v.fullName) ?? '',
    label: text(v.label),
    default: bool(v.default),
    active: bool(v.isActive, true),
  }));
  return { ok: true, values, restricted: bool(valueSet.restricted) };
}

const META_TYPES: Record<string, string> = {
  string: 'Text',
  textarea: 'TextArea',
  double: 'Number',
  int: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  boolean: 'Checkbox',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multipicklist: 'MultiselectPicklist',
  reference: 'Lookup',
  encryptedstring: 'EncryptedText',
};

/** The CustomField record of a field that has no stored component (standard, or created in Setup). */
export function fieldRecord(object: ObjectDef, f: FieldDef): MdRecord {
  const r: MdRecord = { fullName: `${object.name}.${f.name}` };
  if (!f.custom) {
    if (f.type === 'picklist' || f.type === 'multipicklist') r.type = META_TYPES[f.type]!;
    return r;
  }
  const extra = object.extras[f.name] ?? {};
  let type = META_TYPES[f.type] ?? 'Text';
  if (f.autoNumber) type = 'AutoNumber';
  if (f.type === 'textarea') type = f.htmlFormatted ? 'Html' : f.length > 255 ? 'LongTextArea' : 'TextArea';
  if (f.type === 'reference' && f.cascadeDelete && !f.nillable) type = 'MasterDetail';
  r.label = f.label;
  r.type = type;
  if (f.calculated && extra.formula) r.formula = extra.formula;
  if (extra.description) r.description = extra.description;
  if (typeof f.inlineHelpText === 'string') r.inlineHelpText = f.inlineHelpText;
  if (type === 'Text' || type === 'LongTextArea' || type === 'Html' || type === 'EncryptedText')
    r.length = String(f.length);
  if (type === 'Number' || type === 'Currency' || type === 'Percent')
    Object.assign(r, { precision: String(f.precision), scale: String(f.scale) });
  if (type === 'Lookup' || type === 'MasterDetail')
    Object.assign(r, {
      referenceTo: f.referenceTo[0] ?? '',
      relationshipName: extra.childRelationshipName ?? f.name.replace(/__c$/, ''),
    });
  if (type === 'Picklist' || type === 'MultiselectPicklist') {
    r.valueSet = {
      restricted: String(f.restrictedPicklist),
      valueSetDefinition: {
        sorted: 'false',
        value: f.picklistValues.map((p) => ({ fullName: p.value, default: String(p.defaultValue), label: p.label })),
      },
    };
  }
  if (type === 'AutoNumber') Object.assign(r, { displayFormat: extra.displayFormat ?? 'A-{0}' });
  if (type !== 'Checkbox' && type !== 'AutoNumber' && !f.calculated) r.required = String(!f.nillable);
  if (f.externalId) r.externalId = 'true';
  if (f.unique) r.unique = 'true';
  return r;
}
