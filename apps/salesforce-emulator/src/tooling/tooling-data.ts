// Rows of the Tooling sObjects, derived on each query from the org's schema and component store (the
// same components deploys and the CRUD calls write), so a deployed field is at once a CustomField and a
// FieldDefinition row. Metadata is the component record as JSON (typed booleans and numbers).
import { createHash } from 'node:crypto';
import { to18 } from '../ids/salesforce-id.ts';
import { findComponent } from '../metadata/component-ops.ts';
import { allReferences } from '../metadata/dependencies.ts';
import { splitName, type Workspace } from '../metadata/workspace.ts';
import { text, type MdRecord, type MdValue } from '../metadata/xml-codec.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';

type Row = Record<string, unknown>;
const NUMERIC = new Set([
  'length',
  'precision',
  'scale',
  'visibleLines',
  'startingNumber',
  'activeVersionNumber',
  'sortOrder',
]);
const ZERO_ID = '000000000000000AAA';

/** A stable id for something that has no stored component (a field created in Setup). */
export function synthId(prefix: string, key: string): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const h = createHash('sha1').update(key.toLowerCase()).digest();
  let body = '';
  for (let i = 0; i < 12; i++) body += chars[h[i]! % 62];
  return to18(`${prefix}${body}`);
}

export function mdToJson(v: MdValue, key = ''): unknown {
  if (typeof v === 'string') {
    if (v === 'true' || v === 'false') return v === 'true';
    if (NUMERIC.has(key) && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => mdToJson(x, key));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'fullName' && !k.startsWith('@')) out[k] = mdToJson(x, k);
  return out;
}

export function jsonToMd(v: unknown): MdValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(jsonToMd).filter((x): x is MdValue => x !== undefined);
  if (typeof v === 'object') {
    const out: MdRecord = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const m = jsonToMd(x);
      if (m !== undefined) out[k] = m;
    }
    return out;
  }
  return String(v);
}

export function objectId(ws: Workspace, def: ObjectDef): string {
  return ws.store.get('CustomObject', def.name)?.id || synthId('01I', def.name);
}

/** EntityDefinition.DurableId: the object's name, or its CustomObject id for custom objects. */
export function entityId(ws: Workspace, def: ObjectDef): string {
  return def.custom ? objectId(ws, def) : def.name;
}

export function fieldId(ws: Workspace, def: ObjectDef, f: FieldDef): string {
  return ws.store.get('CustomField', `${def.name}.${f.name}`)?.id || synthId('00N', `${def.name}.${f.name}`);
}

function audit(
  c: { createdMs: number; modifiedMs: number; createdById: string; modifiedById: string } | undefined,
  ws: Workspace,
): Row {
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
  return {
    CreatedDate: iso(c?.createdMs ?? ws.org.createdMs),
    CreatedById: c?.createdById ?? ws.org.adminUserId,
    LastModifiedDate: iso(c?.modifiedMs ?? ws.org.createdMs),
    LastModifiedById: c?.modifiedById ?? ws.org.adminUserId,
  };
}

function customObjects(ws: Workspace): ObjectDef[] {
  return ws.schema
    .overlayEntries()
    .map(([, d]) => d)
    .filter((d): d is ObjectDef => !!d && d.custom);
}

function dataType(f: FieldDef): string {
  if (f.calculated) return `Formula (${f.type})`;
  if (f.type === 'reference') return `Lookup(${f.referenceTo.join(',')})`;
  if (f.type === 'string') return f.autoNumber ? 'Auto Number' : `Text(${f.length})`;
  if (f.type === 'currency' || f.type === 'double' || f.type === 'percent')
    return `${f.type === 'double' ? 'Number' : f.type[0]!.toUpperCase() + f.type.slice(1)}(${f.precision - f.scale}, ${f.scale})`;
  return f.type[0]!.toUpperCase() + f.type.slice(1);
}

export function fieldRow(ws: Workspace, def: ObjectDef, f: FieldDef): Row {
  const c = ws.store.get('CustomField', `${def.name}.${f.name}`);
  const found = findComponent(ws, 'CustomField', `${def.name}.${f.name}`);
  return {
    Id: fieldId(ws, def, f),
    DeveloperName: f.name.replace(/__c$/, ''),
    TableEnumOrId: entityId(ws, def),
    EntityDefinitionId: entityId(ws, def),
    NamespacePrefix: null,
    Description: def.extras[f.name]?.description ?? null,
    InlineHelpText: f.inlineHelpText ?? null,
    Length: f.length,
    ManageableState: 'unmanaged',
    ...audit(c, ws),
    FullName: `${def.name}.${f.name}`,
    Metadata: found ? mdToJson(found.record) : null,
  };
}

export function objectRow(ws: Workspace, def: ObjectDef): Row {
  const c = ws.store.get('CustomObject', def.name);
  const found = findComponent(ws, 'CustomObject', def.name);
  return {
    Id: objectId(ws, def),
    DeveloperName: def.name.replace(/__c$/, ''),
    NamespacePrefix: null,
    Description: (def.props.description as string | null) ?? null,
    SharingModel: text(found?.record.sharingModel) ?? 'ReadWrite',
    ExternalSharingModel: text(found?.record.externalSharingModel) ?? 'Private',
    ManageableState: 'unmanaged',
    ...audit(c, ws),
    FullName: def.name,
    Metadata: found ? mdToJson(found.record) : null,
  };
}

/** Objects a FieldDefinition query names (EntityDefinition.QualifiedApiName / EntityDefinitionId), else the customised ones. */
function fieldDefinitionObjects(ws: Workspace, soql: string): ObjectDef[] {
  const m = /EntityDefinition(?:Id|\.QualifiedApiName|\.DurableId)\s*(?:=|IN)\s*\(?\s*((?:'[^']*'\s*,?\s*)+)\)?/i.exec(
    soql,
  );
  const names = m ? [...m[1]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!) : undefined;
  if (!names)
    return ws.schema
      .overlayEntries()
      .map(([, d]) => d)
      .filter((d): d is ObjectDef => !!d);
  return names
    .map(
      (n) => ws.schema.getObject(n) ?? customObjects(ws).find((d) => objectId(ws, d).slice(0, 15) === n.slice(0, 15)),
    )
    .filter((d): d is ObjectDef => !!d);
}

export function* toolingRows(ws: Workspace, object: string, soql: string): Iterable<Row> {
  const store = ws.store;
  switch (object) {
    case 'CustomObject':
      for (const def of customObjects(ws)) yield objectRow(ws, def);
      return;
    case 'CustomField':
      for (const [, def] of ws.schema.overlayEntries())
        if (def) for (const f of def.fields) if (f.custom) yield fieldRow(ws, def, f);
      return;
    case 'EntityDefinition':
      for (const name of ws.schema.names()) {
        const h = ws.schema.header(name)!;
        const def = h.custom ? ws.schema.getObject(name)! : undefined;
        yield {
          Id: ZERO_ID,
          DurableId: def ? objectId(ws, def) : name,
          QualifiedApiName: name,
          DeveloperName: name.replace(/__c$/, ''),
          NamespacePrefix: null,
          Label: h.label,
          PluralLabel: h.labelPlural,
          KeyPrefix: h.keyPrefix,
          IsCustomizable: h.custom || h.flags.layoutable,
          IsCustomSetting: h.flags.customSetting,
          IsQueryable: h.flags.queryable,
          IsLayoutable: h.flags.layoutable,
          IsApexTriggerable: h.flags.triggerable,
          InternalSharingModel: 'ReadWrite',
          ExternalSharingModel: 'Private',
          DeploymentStatus: h.custom ? 'Deployed' : null,
          PublisherId: h.custom ? '<local>' : 'System',
          LastModifiedDate: new Date(ws.schema.lastModified(name)).toISOString().replace('Z', '+0000'),
        };
      }
      return;
    case 'FieldDefinition':
      for (const def of fieldDefinitionObjects(ws, soql)) {
        for (const f of def.fields) {
          const entity = entityId(ws, def);
          yield {
            Id: ZERO_ID,
            DurableId: `${entity}.${f.custom ? fieldId(ws, def, f) : f.name}`,
            QualifiedApiName: f.name,
            EntityDefinitionId: entity,
            DeveloperName: f.name.replace(/__c$/, ''),
            NamespacePrefix: null,
            Label: f.label,
            DataType: dataType(f),
            ValueTypeId: f.type,
            Length: f.length,
            Precision: f.precision,
            Scale: f.scale,
            IsNillable: f.nillable,
            IsCalculated: f.calculated === true,
            IsIndexed: f.externalId || f.unique || f.name === 'Id',
            IsFieldHistoryTracked: false,
            RelationshipName: f.relationshipName,
            Description: def.extras[f.name]?.description ?? null,
            LastModifiedDate: new Date(ws.schema.lastModified(def.name)).toISOString().replace('Z', '+0000'),
          };
        }
      }
      return;
    case 'FlowDefinition':
      for (const c of store.list('Flow')) {
        const versions = c.versions ?? [];
        yield {
          Id: store.get('FlowDefinition', c.fullName)?.id || synthId('300', c.fullName),
          DeveloperName: c.fullName,
          MasterLabel: text(c.record.label) ?? c.fullName,
          Description: text(c.record.description) ?? null,
          NamespacePrefix: null,
          ActiveVersionId: versions.find((v) => v.status === 'Active')?.id ?? null,
          LatestVersionId: versions.at(-1)?.id ?? null,
          ...audit(c, ws),
          FullName: c.fullName,
          Metadata: {
            activeVersionNumber: versions.find((v) => v.status === 'Active')?.versionNumber ?? null,
            description: text(c.record.description) ?? null,
          },
        };
      }
      return;
    case 'Flow':
      for (const c of store.list('Flow')) {
        for (const v of c.versions ?? []) {
          yield {
            Id: v.id,
            DefinitionId: store.get('FlowDefinition', c.fullName)?.id || synthId('300', c.fullName),
            MasterLabel: text(v.record.label) ?? c.fullName,
            VersionNumber: v.versionNumber,
            Status: v.status,
            ProcessType: text(v.record.processType) ?? 'AutoLaunchedFlow',
            Description: text(v.record.description) ?? null,
            ...audit({ ...c, createdMs: v.createdMs, modifiedMs: v.createdMs }, ws),
            FullName: `${c.fullName}-${v.versionNumber}`,
            Metadata: mdToJson(v.record),
          };
        }
      }
      return;
    case 'ValidationRule':
      for (const c of store.list('ValidationRule')) {
        const def = ws.schema.getObject(splitName(c.fullName)[0]);
        yield {
          Id: c.id,
          ValidationName: splitName(c.fullName)[1],
          EntityDefinitionId: def ? entityId(ws, def) : null,
          Active: text(c.record.active) === 'true',
          Description: text(c.record.description) ?? null,
          ErrorDisplayField: text(c.record.errorDisplayField) ?? null,
          ErrorMessage: text(c.record.errorMessage) ?? null,
          NamespacePrefix: null,
          ...audit(c, ws),
          FullName: c.fullName,
          Metadata: mdToJson(c.record),
        };
      }
      return;
    case 'RecordType':
      for (const c of store.list('RecordType')) {
        const [sobject, developerName] = splitName(c.fullName);
        yield {
          Id: c.id,
          Name: text(c.record.label) ?? developerName,
          DeveloperName: developerName,
          SobjectType: sobject,
          IsActive: text(c.record.active) !== 'false',
          Description: text(c.record.description) ?? null,
          NamespacePrefix: null,
          BusinessProcessId: null,
          ...audit(c, ws),
          FullName: c.fullName,
          Metadata: mdToJson(c.record),
        };
      }
      return;
    case 'Layout':
      for (const c of store.list('Layout')) {
        const object = c.fullName.split('-')[0]!;
        const def = ws.schema.getObject(object);
        const entity = def ? entityId(ws, def) : object;
        yield {
          Id: c.id,
          Name: c.fullName.slice(object.length + 1),
          TableEnumOrId: entity,
          EntityDefinitionId: entity,
          LayoutType: 'Standard',
          NamespacePrefix: null,
          ManageableState: 'unmanaged',
          ...audit(c, ws),
          FullName: c.fullName,
          Metadata: mdToJson(c.record),
        };
      }
      return;
    case 'MetadataComponentDependency':
      for (const r of allReferences(ws)) {
        yield {
          Id: ZERO_ID,
          MetadataComponentId: componentId(ws, r.fromType, r.fromName),
          MetadataComponentName: shortName(r.fromType, r.fromName),
          MetadataComponentNamespace: null,
          MetadataComponentType: r.fromType,
          RefMetadataComponentId: componentId(ws, r.toType, r.toName),
          RefMetadataComponentName: shortName(r.toType, r.toName),
          RefMetadataComponentNamespace: null,
          RefMetadataComponentType: r.toType,
        };
      }
      return;
  }
}

function componentId(ws: Workspace, type: string, name: string): string {
  if (type === 'CustomField') {
    const [o, f] = splitName(name);
    const def = ws.schema.getObject(o);
    const fd = def?.fieldMap.get(f.toLowerCase());
    if (def && fd) return fieldId(ws, def, fd);
  }
  if (type === 'CustomObject') {
    const def = ws.schema.getObject(name);
    if (def) return objectId(ws, def);
  }
  return ws.store.get(type, name)?.id ?? '';
}

/** Dependency names are developer names: a field's without its object and __c. */
function shortName(type: string, name: string): string {
  if (type === 'CustomField' || type === 'ValidationRule') return splitName(name)[1].replace(/__c$/, '');
  if (type === 'CustomObject') return name.replace(/__c$/, '');
  return name;
}
