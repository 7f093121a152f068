// CustomObject and CustomField: validated like Salesforce and applied to the workspace's schema, so a
// deployed object is at once describable, queryable and writable and a deleted field is gone from
// describe, SOQL and writes. Standard objects and fields exist without a stored component.
import { SchemaError } from '../schema/field-factory.ts';
import type { ObjectDef } from '../schema/types.ts';
import { referencedMessage, referencesTo } from './dependencies.ts';
import { customNameProblem, fieldRecord, fieldSpec } from './field-rules.ts';
import { fail, type RemoveOutcome, type SaveOutcome, type TypeHandler } from './handler-types.ts';
import { splitName, type Workspace } from './workspace.ts';
import { int, records, text, type MdRecord } from './xml-codec.ts';

const SHARING_MODELS = new Set([
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
]);

/** Names of components being deleted by the same operation (their references do not block). */
export type Deleting = (type: string, name: string) => boolean;

function schemaFailure(err: unknown): { ok: false; problems: ReturnType<typeof fail>['problems'] } {
  if (err instanceof SchemaError) return fail(err.code, err.message);
  throw err;
}

export function sharingModelOf(ws: Workspace, def: ObjectDef): string {
  return (
    text(ws.store.get('CustomObject', def.name)?.record.sharingModel) ?? String(def.props.sharingModel ?? 'ReadWrite')
  );
}

export const customObjectHandler: TypeHandler & {
  removeWith(ws: Workspace, name: string, deleting: Deleting): RemoveOutcome;
} = {
  save(ws, fullName, r): SaveOutcome {
    const existing = ws.schema.getObject(fullName);
    if (existing && !existing.custom) return { ok: true, record: { ...r, fullName: existing.name } };
    const bad = customNameProblem(fullName, 'Object Name');
    if (bad) return { ok: false, problems: [bad] };
    const label = text(r.label);
    if (!label) return fail('REQUIRED_FIELD_MISSING', 'Must specify a non-empty label for the CustomObject', ['label']);
    const sharingModel = text(r.sharingModel) || 'ReadWrite';
    if (!SHARING_MODELS.has(sharingModel))
      return fail('INVALID_TYPE', `'${sharingModel}' is not a valid value for the enum 'SharingModel'`, [
        'sharingModel',
      ]);
    const nameField = records(r.nameField)[0];
    const nameType = text(nameField?.type) === 'AutoNumber' ? 'AutoNumber' : 'Text';
    const labelPlural = text(r.pluralLabel) || label;
    try {
      if (existing)
        ws.schema.updateObject(existing.name, { label, labelPlural, description: text(r.description) ?? undefined });
      else {
        ws.schema.addObject({
          name: fullName,
          label,
          labelPlural,
          sharingModel: sharingModel as never,
          description: text(r.description),
          nameField: {
            label: text(nameField?.label) || `${label} Name`,
            type: nameType,
            displayFormat: text(nameField?.displayFormat),
            startingNumber: int(nameField?.startingNumber),
          },
        });
      }
    } catch (err) {
      return schemaFailure(err);
    }
    const def = ws.schema.getObject(fullName)!;
    return { ok: true, record: { ...r, fullName: def.name, sharingModel } };
  },

  remove(ws, fullName): RemoveOutcome {
    return this.removeWith(ws, fullName, () => false);
  },

  removeWith(ws, fullName, deleting): RemoveOutcome {
    const def = ws.schema.getObject(fullName);
    if (!def) return { ok: true };
    if (!def.custom) return fail('INVALID_TYPE', `Cannot delete standard object ${def.name}`);
    const refs = referencesTo(
      ws,
      'CustomObject',
      def.name,
      (t, n) => deleting(t, n) || n.toLowerCase().startsWith(`${def.name.toLowerCase()}.`),
    );
    if (refs.length) return fail('FIELD_INTEGRITY_EXCEPTION', referencedMessage('custom object', refs));
    try {
      ws.schema.removeObject(def.name);
    } catch (err) {
      return schemaFailure(err);
    }
    // Its fields, rules, record types, layouts and field permissions go with it.
    const prefix = `${def.name.toLowerCase()}.`;
    for (const type of [
      'CustomField',
      'ValidationRule',
      'RecordType',
      'ListView',
      'CompactLayout',
      'WebLink',
      'FieldSet',
      'BusinessProcess',
    ]) {
      for (const c of ws.store.childrenOf(type, def.name)) ws.store.remove(type, c.fullName);
    }
    for (const c of ws.store.list('Layout'))
      if (c.fullName.toLowerCase().startsWith(`${def.name.toLowerCase()}-`)) ws.store.remove('Layout', c.fullName);
    for (const k of [...ws.store.flsManaged]) if (k.startsWith(prefix)) ws.store.flsManaged.delete(k);
    dropPermissions(ws, (field) => field.toLowerCase().startsWith(prefix), def.name);
    return { ok: true };
  },

  implicit(ws, fullName): MdRecord | undefined {
    const def = ws.schema.getObject(fullName);
    if (!def) return undefined;
    if (!def.custom) return { fullName: def.name };
    return {
      fullName: def.name,
      label: def.label,
      pluralLabel: def.labelPlural,
      deploymentStatus: 'Deployed',
      sharingModel: String(def.props.sharingModel ?? 'ReadWrite'),
      nameField: {
        label: def.fieldMap.get('name')?.label ?? `${def.label} Name`,
        type: def.fieldMap.get('name')?.autoNumber ? 'AutoNumber' : 'Text',
      },
    };
  },

  canonical: (ws, fullName) => ws.schema.getObject(fullName)?.name,
};

export const customFieldHandler: TypeHandler & {
  removeWith(ws: Workspace, name: string, deleting: Deleting): RemoveOutcome;
} = {
  save(ws, fullName, r): SaveOutcome {
    const [objectName, fieldName] = splitName(fullName);
    if (!fieldName)
      return fail(
        'FIELD_INTEGRITY_EXCEPTION',
        `Must specify the name in the CustomObject.CustomField format, Name:${fullName}, Delimiter:.`,
        ['fullName'],
      );
    const def = ws.schema.getObject(objectName);
    if (!def)
      return fail(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `Entity Enumeration Or ID: bad value for restricted picklist field: ${objectName}`,
        ['TableEnumOrId'],
      );
    const old = def.fieldMap.get(fieldName.toLowerCase());
    if (old && !old.custom) return { ok: true, record: { ...r, fullName: `${def.name}.${old.name}` } };
    const built = fieldSpec(ws, def, fieldName, r, sharingModelOf(ws, def));
    if (!built.ok) return built;
    const spec = built.spec;
    const hasRows = ws.org.records.count(def.name, true) > 0;
    try {
      if (old) {
        const wasFormula = old.calculated === true;
        if (wasFormula && !spec.formula)
          return fail('FIELD_INTEGRITY_EXCEPTION', 'Cannot update a field from a Formula to something else');
        if (!wasFormula && spec.formula)
          return fail('FIELD_INTEGRITY_EXCEPTION', 'Cannot update a field to a Formula from something else');
        const next = ws.schema.updateField(def.name, old.name, spec);
        if (next.type !== old.type && hasData(ws, def.name, old.name))
          return fail('FIELD_INTEGRITY_EXCEPTION', 'Cannot change type due to existing data');
      } else {
        if (spec.type === 'MasterDetail' && hasRows) {
          return fail(
            'FIELD_INTEGRITY_EXCEPTION',
            'You cannot create a new Master-Detail relationship on an existing custom object if records already ' +
              'exist. You must first create a Lookup relationship, populate the lookup field with data in all ' +
              'records, and then change the relationship type to Master-Detail.',
          );
        }
        ws.schema.addField(def.name, spec);
        ws.store.flsManaged.add(`${def.name}.${fieldName}`.toLowerCase());
      }
    } catch (err) {
      return schemaFailure(err);
    }
    return { ok: true, record: { ...r, fullName: `${def.name}.${fieldName}` } };
  },

  remove(ws, fullName): RemoveOutcome {
    return this.removeWith(ws, fullName, () => false);
  },

  removeWith(ws, fullName, deleting): RemoveOutcome {
    const [objectName, fieldName] = splitName(fullName);
    const def = ws.schema.getObject(objectName);
    const f = def?.fieldMap.get(fieldName.toLowerCase());
    if (!def || !f) return { ok: true };
    if (!f.custom) return fail('INVALID_FIELD', `Cannot delete standard field ${def.name}.${f.name}`);
    const name = `${def.name}.${f.name}`;
    const refs = referencesTo(ws, 'CustomField', name, deleting);
    if (refs.length) return fail('FIELD_INTEGRITY_EXCEPTION', referencedMessage('custom field', refs));
    try {
      ws.schema.removeField(def.name, f.name);
    } catch (err) {
      return schemaFailure(err);
    }
    ws.store.flsManaged.delete(name.toLowerCase());
    dropPermissions(ws, (field) => field.toLowerCase() === name.toLowerCase());
    return { ok: true };
  },

  implicit(ws, fullName): MdRecord | undefined {
    const [objectName, fieldName] = splitName(fullName);
    const def = ws.schema.getObject(objectName);
    const f = def?.fieldMap.get(fieldName.toLowerCase());
    return def && f ? fieldRecord(def, f) : undefined;
  },

  canonical(ws, fullName) {
    const [objectName, fieldName] = splitName(fullName);
    const def = ws.schema.getObject(objectName);
    const f = def?.fieldMap.get(fieldName.toLowerCase());
    return def && f ? `${def.name}.${f.name}` : undefined;
  },
};

function hasData(ws: Workspace, object: string, field: string): boolean {
  for (const row of ws.org.records.scan(object, true)) if (row[field] !== undefined && row[field] !== null) return true;
  return false;
}

/** Salesforce removes a deleted field's (or object's) permissions from every profile and permission set. */
function dropPermissions(ws: Workspace, fieldMatches: (field: string) => boolean, object?: string): void {
  for (const type of ['PermissionSet', 'Profile']) {
    for (const c of ws.store.list(type)) {
      const fps = records(c.record.fieldPermissions);
      const ops = records(c.record.objectPermissions);
      const keptF = fps.filter((fp) => !fieldMatches(text(fp.field) ?? ''));
      const keptO = object ? ops.filter((op) => (text(op.object) ?? '').toLowerCase() !== object.toLowerCase()) : ops;
      if (keptF.length === fps.length && keptO.length === ops.length) continue;
      const { fieldPermissions: _f, objectPermissions: _o, ...rest } = c.record;
      const record: MdRecord = {
        ...rest,
        ...(keptF.length ? { fieldPermissions: keptF } : {}),
        ...(keptO.length ? { objectPermissions: keptO } : {}),
      };
      ws.store.put({ ...c, record });
    }
  }
}
