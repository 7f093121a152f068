// The types kept only in the component store (they change no schema): flows with their versions and
// active version, layouts, validation rules, record types, list views, compact layouts, assignment
// rules, reports and dashboards in folders, tabs and global value sets. Each checks what Salesforce
// checks before saving: its object exists, the fields it names exist, its folder exists, …
import type { FlowVersion } from './component-store.ts';
import { layoutFields, referencedMessage, referencesTo } from './dependencies.ts';
import { formulaProblem } from './field-rules.ts';
import { fail, noSuch, type SaveOutcome, type TypeHandler } from './handler-types.ts';
import { newId, splitName, type Workspace } from './workspace.ts';
import { bool, int, text, type MdRecord } from './xml-codec.ts';

const ok = (fullName: string, r: MdRecord): SaveOutcome => ({ ok: true, record: { ...r, fullName } });
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function parentObject(ws: Workspace, fullName: string) {
  return ws.schema.getObject(splitName(fullName)[0]);
}

/** A child of a CustomObject (list view, compact layout, …): its object must exist. */
function childOf(extra?: (ws: Workspace, fullName: string, r: MdRecord) => SaveOutcome | undefined): TypeHandler {
  return {
    save(ws, fullName, r) {
      const def = parentObject(ws, fullName);
      if (!def) return noSuch('fullName', 'CustomObject', splitName(fullName)[0]);
      const name = `${def.name}.${splitName(fullName)[1]}`;
      return extra?.(ws, name, r) ?? ok(name, r);
    },
    remove: () => ({ ok: true }),
  };
}

export const validationRuleHandler = childOf((ws, fullName, r) => {
  const formula = text(r.errorConditionFormula);
  if (!formula)
    return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: errorConditionFormula', [
      'errorConditionFormula',
    ]);
  if (!text(r.errorMessage))
    return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: errorMessage', ['errorMessage']);
  const p = formulaProblem(parentObject(ws, fullName)!, formula);
  return p ? { ok: false, problems: [p] } : undefined;
});

export const recordTypeHandler: TypeHandler = {
  ...childOf((_ws, _fullName, r) =>
    text(r.label) ? undefined : fail('REQUIRED_FIELD_MISSING', 'Required field is missing: label', ['label']),
  ),
  remove: () => fail('INVALID_OPERATION', 'Cannot delete record type through API'),
};

export const plainChildHandler = childOf();

export const layoutHandler: TypeHandler = {
  save(ws, fullName, r) {
    const objectName = fullName.split('-')[0]!;
    const def = ws.schema.getObject(objectName);
    if (!def || !fullName.includes('-')) return noSuch('fullName', 'CustomObject', objectName);
    for (const field of layoutFields(r)) {
      if (!def.fieldMap.has(field.toLowerCase())) return noSuch('field', 'CustomField', `${def.name}.${field}`);
    }
    return ok(`${def.name}${fullName.slice(objectName.length)}`, r);
  },
  remove: () => ({ ok: true }),
};

/** Each deploy of a flow is a new version; an Active one makes the previous active version Obsolete. */
export const flowHandler: TypeHandler = {
  save(ws, fullName, r, existing) {
    if (!API_NAME.test(fullName) || fullName.includes('__') || fullName.endsWith('_'))
      return fail(
        'FIELD_INTEGRITY_EXCEPTION',
        `The flow API name ${fullName} can only contain underscores and alphanumeric characters. It must be unique, ` +
          `begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`,
      );
    if (!text(r.label)) return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: label', ['label']);
    for (const o of objectsNamed(r)) if (!ws.schema.getObject(o)) return noSuch('object', 'CustomObject', o);
    const status = text(r.status) || 'Draft';
    const previous = existing?.versions ?? [];
    const versions: FlowVersion[] = previous.map((v) =>
      status === 'Active' && v.status === 'Active' ? { ...v, status: 'Obsolete' } : v,
    );
    const versionNumber = (previous.at(-1)?.versionNumber ?? 0) + 1;
    const record = { ...r, fullName, status };
    versions.push({ id: newId(ws, '301'), versionNumber, status, record, createdMs: ws.nowMs });
    return { ok: true, record, versions };
  },
  remove(_ws, _fullName, existing) {
    if (existing?.versions?.some((v) => v.status === 'Active'))
      return fail('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'insufficient access rights on cross-reference id');
    return { ok: true };
  },
};

function objectsNamed(r: MdRecord): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (key === 'object' && v) out.add(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(r, '');
  return [...out];
}

/** FlowDefinition sets the active version (0 deactivates every version). */
export const flowDefinitionHandler: TypeHandler = {
  save(ws, fullName, r) {
    const flow = ws.store.get('Flow', fullName);
    if (!flow) return noSuch('fullName', 'Flow', fullName);
    const active = int(r.activeVersionNumber) ?? 0;
    const versions = flow.versions ?? [];
    if (active !== 0 && !versions.some((v) => v.versionNumber === active))
      return fail('FIELD_INTEGRITY_EXCEPTION', `Flow ${fullName} has no version ${active}`, ['activeVersionNumber']);
    const next = versions.map((v) => ({
      ...v,
      status: v.versionNumber === active ? 'Active' : v.status === 'Active' ? 'Obsolete' : v.status,
    }));
    ws.store.put({ ...flow, versions: next, record: { ...flow.record, status: next.at(-1)?.status ?? 'Draft' } });
    return ok(flow.fullName, r);
  },
  remove: () => ({ ok: true }),
};

function inFolder(folderType: string): TypeHandler {
  return {
    save(ws, fullName, r) {
      const [folder, name] = fullName.split('/');
      if (!name)
        return fail('FIELD_INTEGRITY_EXCEPTION', `Must specify the name in the Folder/Name format, Name:${fullName}`, [
          'fullName',
        ]);
      if (folder !== 'unfiled$public' && !ws.store.get(folderType, folder!))
        return fail('INVALID_CROSS_REFERENCE_KEY', `Cannot find folder:${folder}`);
      if (!text(r.name) && !text(r.title))
        return fail(
          'REQUIRED_FIELD_MISSING',
          `Required field is missing: ${folderType === 'ReportFolder' ? 'name' : 'title'}`,
        );
      return ok(fullName, r);
    },
    remove: () => ({ ok: true }),
  };
}

export const reportHandler = inFolder('ReportFolder');
export const dashboardHandler = inFolder('DashboardFolder');

function folderHandler(contentType: string): TypeHandler {
  return {
    save: (_ws, fullName, r) =>
      API_NAME.test(fullName) ? ok(fullName, r) : fail('FIELD_INTEGRITY_EXCEPTION', `Invalid folder name: ${fullName}`),
    remove(ws, fullName) {
      const inside = ws.store
        .list(contentType)
        .filter((c) => c.fullName.toLowerCase().startsWith(`${fullName.toLowerCase()}/`));
      return inside.length ? fail('FIELD_INTEGRITY_EXCEPTION', `Folder ${fullName} is not empty`) : { ok: true };
    },
  };
}

export const reportFolderHandler = folderHandler('Report');
export const dashboardFolderHandler = folderHandler('Dashboard');

export const customTabHandler: TypeHandler = {
  save(ws, fullName, r) {
    if (bool(r.customObject) && !ws.schema.getObject(fullName)) return noSuch('customObject', 'CustomObject', fullName);
    return ok(fullName, r);
  },
  remove: () => ({ ok: true }),
};

export const globalValueSetHandler: TypeHandler = {
  save(_ws, fullName, r) {
    if (!text(r.masterLabel))
      return fail('REQUIRED_FIELD_MISSING', 'Required field is missing: masterLabel', ['masterLabel']);
    return ok(fullName, r);
  },
  remove(ws, fullName) {
    const refs = referencesTo(ws, 'GlobalValueSet', fullName);
    return refs.length ? fail('FIELD_INTEGRITY_EXCEPTION', referencedMessage('global value set', refs)) : { ok: true };
  },
};

export const assignmentRulesHandler: TypeHandler = {
  save(ws, fullName, r) {
    if (!['lead', 'case'].includes(fullName.toLowerCase()) || !ws.schema.getObject(fullName))
      return noSuch('fullName', 'CustomObject', fullName);
    return ok(ws.schema.getObject(fullName)!.name, r);
  },
  remove: () => ({ ok: true }),
};
