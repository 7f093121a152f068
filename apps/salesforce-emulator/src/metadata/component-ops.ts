// The operations every entry point shares (deploy, create/update/upsert/delete/rename/read/list,
// retrieve, Tooling): find a component (stored, or implicit such as a standard object), save or delete
// one through its type's handler inside a workspace — atomically: a failing component leaves the
// workspace as it was — and compose an object's file with its fields, rules and record types.
import {
  assignmentRulesHandler,
  customTabHandler,
  dashboardFolderHandler,
  dashboardHandler,
  flowDefinitionHandler,
  flowHandler,
  globalValueSetHandler,
  layoutHandler,
  plainChildHandler,
  recordTypeHandler,
  reportFolderHandler,
  reportHandler,
  validationRuleHandler,
} from './other-handlers.ts';
import { permissionSetHandler, profileHandler } from './access-handlers.ts';
import type { Component } from './component-store.ts';
import { problem, type Problem, type TypeHandler } from './handler-types.ts';
import { metadataType } from './metadata-types.ts';
import { customFieldHandler, customObjectHandler, type Deleting } from './object-handlers.ts';
import { checkpoint, newId, rollbackTo, splitName, type Workspace } from './workspace.ts';
import { records, text, type MdRecord } from './xml-codec.ts';

const HANDLERS: Record<string, TypeHandler> = {
  CustomObject: customObjectHandler,
  CustomField: customFieldHandler,
  ValidationRule: validationRuleHandler,
  RecordType: recordTypeHandler,
  ListView: plainChildHandler,
  CompactLayout: plainChildHandler,
  WebLink: plainChildHandler,
  FieldSet: plainChildHandler,
  BusinessProcess: plainChildHandler,
  Layout: layoutHandler,
  Flow: flowHandler,
  FlowDefinition: flowDefinitionHandler,
  AssignmentRules: assignmentRulesHandler,
  AssignmentRule: plainChildHandler,
  PermissionSet: permissionSetHandler,
  Profile: profileHandler,
  Report: reportHandler,
  Dashboard: dashboardHandler,
  ReportFolder: reportFolderHandler,
  DashboardFolder: dashboardFolderHandler,
  CustomTab: customTabHandler,
  GlobalValueSet: globalValueSetHandler,
};

export interface Found {
  fullName: string;
  record: MdRecord;
  component?: Component;
}

export interface OpResult {
  fullName: string;
  success: boolean;
  created: boolean;
  changed: boolean;
  deleted: boolean;
  id: string;
  problems: Problem[];
  /** Deleting something that does not exist (a warning in a deploy, an error in deleteMetadata). */
  notFound?: boolean;
}

const SCHEMA_TYPES = new Set(['CustomObject', 'CustomField']);

export function findComponent(ws: Workspace, type: string, fullName: string): Found | undefined {
  const handler = HANDLERS[type];
  const stored = ws.store.get(type, fullName);
  if (SCHEMA_TYPES.has(type)) {
    const canonical = handler?.canonical?.(ws, fullName);
    if (!canonical) return undefined; // the schema no longer has it (removed outside the Metadata API)
    if (stored) return { fullName: canonical, record: stored.record, component: stored };
  } else if (stored) return { fullName: stored.fullName, record: stored.record, component: stored };
  const implicit = handler?.implicit?.(ws, fullName);
  return implicit ? { fullName: handler?.canonical?.(ws, fullName) ?? fullName, record: implicit } : undefined;
}

const result = (fullName: string, extra: Partial<OpResult> = {}): OpResult => ({
  fullName,
  success: true,
  created: false,
  changed: false,
  deleted: false,
  id: '',
  problems: [],
  ...extra,
});

/** Splits a parent's child elements (an object's fields, …) into components of their own. */
export function splitChildren(
  type: string,
  record: MdRecord,
): { parent: MdRecord; children: Array<{ type: string; record: MdRecord }> } {
  const children = metadataType(type)?.children;
  if (!children) return { parent: record, children: [] };
  const parent: MdRecord = { ...record };
  const out: Array<{ type: string; record: MdRecord }> = [];
  const parentName = text(record.fullName) ?? '';
  for (const [childType, element] of Object.entries(children)) {
    if (!(element in parent)) continue;
    for (const child of records(parent[element]))
      out.push({ type: childType, record: { ...child, fullName: `${parentName}.${text(child.fullName) ?? ''}` } });
    delete parent[element];
  }
  return { parent, children: out };
}

export function saveComponent(
  ws: Workspace,
  type: string,
  input: MdRecord,
  mode: 'create' | 'update' | 'upsert',
): OpResult {
  const fullName = text(input.fullName) ?? '';
  const handler = HANDLERS[type];
  if (!handler)
    return result(fullName, { success: false, problems: [problem('INVALID_TYPE', `Unknown type: ${type}`)] });
  if (!fullName)
    return result(fullName, {
      success: false,
      problems: [problem('REQUIRED_FIELD_MISSING', 'Required field is missing: fullName', ['fullName'])],
    });
  const found = findComponent(ws, type, fullName);
  if (mode === 'create' && found) {
    return result(found.fullName, {
      success: false,
      problems: [
        problem('DUPLICATE_DEVELOPER_NAME', `There is already a ${type} named ${found.fullName}`, ['fullName']),
      ],
    });
  }
  if (mode === 'update' && !found) {
    return result(fullName, {
      success: false,
      problems: [
        problem('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`, ['fullName']),
      ],
    });
  }
  const { parent, children } = splitChildren(type, input);
  const cp = checkpoint(ws);
  const out = handler.save(ws, found?.fullName ?? fullName, parent, found?.component);
  if (!out.ok) {
    rollbackTo(ws, cp);
    return result(fullName, { success: false, problems: out.problems });
  }
  const name = text(out.record.fullName) ?? fullName;
  const prefix = metadataType(type)?.idPrefix ?? '000';
  const isStandard = SCHEMA_TYPES.has(type) && !/__c$/i.test(name);
  const id = found?.component?.id ?? out.id ?? (isStandard ? '' : newId(ws, prefix));
  const previous = found?.component;
  ws.store.put({
    type,
    fullName: name,
    id,
    record: out.record,
    createdMs: previous?.createdMs ?? ws.nowMs,
    modifiedMs: ws.nowMs,
    createdById: previous?.createdById ?? ws.userId,
    modifiedById: ws.userId,
    ...(out.versions ? { versions: out.versions } : {}),
  });
  for (const child of children) {
    const r = saveComponent(ws, child.type, child.record, 'upsert');
    if (!r.success) {
      rollbackTo(ws, cp);
      return result(name, { success: false, problems: r.problems });
    }
  }
  const changed = !!found && JSON.stringify(found.record) !== JSON.stringify(out.record);
  return result(name, { created: !found, changed: changed || !found, id });
}

export function deleteComponent(
  ws: Workspace,
  type: string,
  fullName: string,
  deleting: Deleting = () => false,
): OpResult {
  const handler = HANDLERS[type];
  if (!handler)
    return result(fullName, { success: false, problems: [problem('INVALID_TYPE', `Unknown type: ${type}`)] });
  const found = findComponent(ws, type, fullName);
  if (!found)
    return result(fullName, {
      success: false,
      notFound: true,
      problems: [
        problem('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`, ['fullName']),
      ],
    });
  const cp = checkpoint(ws);
  const removeWith = (
    handler as TypeHandler & {
      removeWith?: (w: Workspace, n: string, d: Deleting) => ReturnType<TypeHandler['remove']>;
    }
  ).removeWith;
  const out = removeWith
    ? removeWith.call(handler, ws, found.fullName, deleting)
    : handler.remove(ws, found.fullName, found.component);
  if (!out.ok) {
    rollbackTo(ws, cp);
    return result(found.fullName, { success: false, problems: out.problems });
  }
  ws.store.remove(type, found.fullName);
  if (type === 'Flow') ws.store.remove('FlowDefinition', found.fullName);
  for (const [childType] of Object.entries(metadataType(type)?.children ?? {})) {
    for (const c of ws.store.childrenOf(childType, found.fullName)) ws.store.remove(childType, c.fullName);
  }
  return result(found.fullName, { deleted: true, id: found.component?.id ?? '' });
}

/** A component as readMetadata and retrieve return it: an object with its fields, rules and record types. */
export function readComponent(ws: Workspace, type: string, fullName: string): MdRecord | undefined {
  const found = findComponent(ws, type, fullName);
  if (!found) return undefined;
  const children = metadataType(type)?.children;
  if (!children) return { ...found.record, fullName: found.fullName };
  const out: MdRecord = { ...found.record, fullName: found.fullName };
  for (const [childType, element] of Object.entries(children)) {
    const names = childNames(ws, childType, found.fullName);
    const kids = names.map((n) => findComponent(ws, childType, n)).filter((x): x is Found => !!x);
    if (kids.length) out[element] = kids.map((k) => ({ ...k.record, fullName: splitName(k.fullName)[1] }));
  }
  return out;
}

function childNames(ws: Workspace, childType: string, parent: string): string[] {
  if (childType === 'CustomField') {
    const def = ws.schema.getObject(parent);
    return def ? def.fields.filter((f) => f.custom).map((f) => `${def.name}.${f.name}`) : [];
  }
  return ws.store.childrenOf(childType, parent).map((c) => c.fullName);
}

export interface Listed {
  type: string;
  fullName: string;
  id: string;
  component?: Component;
}

/** What listMetadata reports for a type (custom objects and fields from the schema, the rest stored). */
export function listComponents(ws: Workspace, type: string, folder?: string): Listed[] {
  const stored = (t: string) =>
    ws.store.list(t).map((c) => ({ type: t, fullName: c.fullName, id: c.id, component: c }));
  if (type === 'CustomObject') {
    const out: Listed[] = [];
    for (const name of ws.schema.names()) {
      const h = ws.schema.header(name)!;
      if (!h.custom && !(h.flags.layoutable && h.flags.createable)) continue;
      const c = ws.store.get('CustomObject', name);
      out.push({ type, fullName: name, id: c?.id ?? (h.custom ? '' : ''), component: c });
    }
    return out;
  }
  if (type === 'CustomField') {
    const out: Listed[] = [];
    for (const [, def] of ws.schema.overlayEntries()) {
      if (!def) continue;
      for (const f of def.fields) {
        if (!f.custom) continue;
        const c = ws.store.get('CustomField', `${def.name}.${f.name}`);
        out.push({ type, fullName: `${def.name}.${f.name}`, id: c?.id ?? '', component: c });
      }
    }
    return out;
  }
  const all = stored(type);
  if (folder === undefined || !metadataType(type)?.inFolder) return all;
  return all.filter((c) => c.fullName.toLowerCase().startsWith(`${folder.toLowerCase()}/`));
}

export function handlerFor(type: string): TypeHandler | undefined {
  return HANDLERS[type];
}
