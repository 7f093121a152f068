// PermissionSet and Profile: their fieldPermissions grant field-level security (field-access.ts), so
// every field and object they name must exist, and a required field cannot be granted (Salesforce:
// "You cannot deploy to a required field"). A permission set is also a PermissionSet row (committed by
// the workspace) so PermissionSetAssignment can reference it, as in Salesforce.
import { fail, noSuch, type SaveOutcome, type TypeHandler } from './handler-types.ts';
import { splitName, type Workspace } from './workspace.ts';
import { records, text, type MdRecord } from './xml-codec.ts';

const PROFILE_LABELS: Record<string, string> = { Admin: 'System Administrator', Standard: 'Standard User' };

function checkPermissions(ws: Workspace, r: MdRecord): SaveOutcome | undefined {
  for (const fp of records(r.fieldPermissions)) {
    const name = text(fp.field) ?? '';
    const [objectName, fieldName] = splitName(name);
    const def = ws.schema.getObject(objectName);
    const f = def?.fieldMap.get(fieldName.toLowerCase());
    if (!def || !f) return noSuch('field', 'CustomField', name);
    if (f.permissionable === false || (f.custom && !f.nillable && f.type !== 'boolean')) {
      return fail('FIELD_INTEGRITY_EXCEPTION', `You cannot deploy to a required field: ${def.name}.${f.name}`, [
        'field',
      ]);
    }
  }
  for (const op of records(r.objectPermissions)) {
    const name = text(op.object) ?? '';
    if (!ws.schema.getObject(name)) return noSuch('object', 'CustomObject', name);
  }
  return undefined;
}

/** Field and object names as the schema spells them, so grants match case-insensitively later. */
function canonicalize(ws: Workspace, r: MdRecord): MdRecord {
  const out: MdRecord = { ...r };
  const fps = records(r.fieldPermissions).map((fp) => {
    const [o, f] = splitName(text(fp.field) ?? '');
    const def = ws.schema.getObject(o)!;
    return { ...fp, field: `${def.name}.${def.fieldMap.get(f.toLowerCase())!.name}` };
  });
  if (fps.length) out.fieldPermissions = fps;
  return out;
}

export const permissionSetHandler: TypeHandler = {
  save(ws, fullName, r): SaveOutcome {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName) || fullName.includes('__') || fullName.endsWith('_')) {
      return fail(
        'FIELD_INTEGRITY_EXCEPTION',
        'The API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a ' +
          'letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.',
        ['fullName'],
      );
    }
    if (!text(r.label)) return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: label', ['label']);
    return checkPermissions(ws, r) ?? { ok: true, record: canonicalize(ws, { ...r, fullName }) };
  },
  remove: () => ({ ok: true }),
};

export const profileHandler: TypeHandler = {
  save(ws, fullName, r, existing): SaveOutcome {
    const problem = checkPermissions(ws, r);
    if (problem) return problem;
    // A profile deploy merges into the profile: permissions it does not mention are kept.
    const base = existing?.record ?? this.implicit!(ws, fullName) ?? { fullName };
    const merged: MdRecord = { ...base, ...canonicalize(ws, r), fullName };
    const byField = new Map<string, MdRecord>();
    for (const fp of [...records(base.fieldPermissions), ...records(merged.fieldPermissions)])
      byField.set((text(fp.field) ?? '').toLowerCase(), fp);
    if (byField.size) merged.fieldPermissions = [...byField.values()];
    return { ok: true, record: merged };
  },
  remove(_ws, fullName) {
    if (PROFILE_LABELS[fullName])
      return fail('CANNOT_DELETE_STANDARD_PROFILE', `Cannot delete a standard profile: ${PROFILE_LABELS[fullName]}`);
    return { ok: true };
  },
  implicit: (_ws, fullName) =>
    PROFILE_LABELS[fullName] ? { fullName, custom: 'false', userLicense: 'Salesforce' } : undefined,
  canonical: (_ws, fullName) => Object.keys(PROFILE_LABELS).find((k) => k.toLowerCase() === fullName.toLowerCase()),
};
