// retrieve + checkRetrieveStatus for an unpackaged package.xml: a zip of the components' current
// definitions in mdapi format (unpackaged/package.xml, unpackaged/objects/X__c.object, …; at the root
// with singlePackage), their FileProperties, and "Entity of type 'T' named 'N' cannot be found" for
// members that do not exist. The engine uses it to keep "before" copies of what it changes.
import { strToU8, zipSync } from 'fflate';
import type { Org } from '../model/org.ts';
import { listComponents, readComponent } from './component-ops.ts';
import { fileProperties } from './crud-calls.ts';
import { metadataType } from './metadata-types.ts';
import { openWorkspace, splitName } from './workspace.ts';
import { arr, componentFile, escapeXml, records, text, type MdRecord } from './xml-codec.ts';

export interface RetrieveJob {
  id: string;
  status: 'Pending' | 'InProgress' | 'Succeeded' | 'Failed';
  zipFile: string;
  fileProperties: Record<string, unknown>[];
  messages: Array<{ fileName: string; problem: string }>;
  errorMessage?: string;
  errorStatusCode?: string;
}

export function startRetrieve(org: Org, userId: string, nowMs: number, request: MdRecord): RetrieveJob {
  const id = org.ids.next('09S');
  const single = text(request.singlePackage) === 'true';
  const root = single ? '' : 'unpackaged/';
  const unpackaged = records(request.unpackaged)[0];
  const ws = openWorkspace(org, userId, nowMs);
  const files: Record<string, Uint8Array> = {};
  const props: Record<string, unknown>[] = [];
  const messages: Array<{ fileName: string; problem: string }> = [];
  const manifest: Array<{ name: string; members: string[] }> = [];
  // Child components (fields) of one object share its file: collect them per parent first.
  const objectFiles = new Map<string, MdRecord>();
  for (const t of records(unpackaged?.types)) {
    const typeName = text(t.name) ?? '';
    const type = metadataType(typeName);
    const members = arr(t.members).map((m) => text(m) ?? '');
    manifest.push({ name: typeName, members });
    if (!type) {
      messages.push({
        fileName: `${root}package.xml`,
        problem: `Unknown type name '${typeName}' specified in package.xml`,
      });
      continue;
    }
    const names = members.flatMap((m) =>
      m === '*'
        ? listComponents(ws, type.xmlName)
            .filter((l) => /__c($|\.)/i.test(l.fullName) || !['CustomObject', 'CustomField'].includes(type.xmlName))
            .map((l) => l.fullName)
        : [m],
    );
    for (const name of names) {
      const record = readComponent(ws, type.xmlName, name);
      if (!record) {
        messages.push({
          fileName: `${root}package.xml`,
          problem: `Entity of type '${type.xmlName}' named '${name}' cannot be found`,
        });
        continue;
      }
      const stored = ws.store.get(type.xmlName, name);
      const fullName = text(record.fullName) ?? name;
      if (type.parent) {
        const parent = metadataType(type.parent)!;
        const [parentName, childName] = splitName(fullName);
        const file = objectFiles.get(parentName) ?? {};
        const element = parent.children![type.xmlName]!;
        file[element] = [...arr(file[element]), { ...record, fullName: childName }];
        objectFiles.set(parentName, file);
        props.push(fileProperties(org, type.xmlName, fullName, stored?.id ?? '', stored));
        continue;
      }
      const { fullName: _omit, ...body } = record;
      if (type.xmlName === 'CustomObject') {
        objectFiles.set(fullName, { ...body, ...(objectFiles.get(fullName) ?? {}) });
      } else {
        const folder = type.folderContentType ? metadataType(type.folderContentType)! : undefined;
        const path = folder
          ? `${root}${folder.directoryName}/${fullName}-meta.xml`
          : `${root}${type.directoryName}/${fullName}.${type.suffix}`;
        files[path] = strToU8(componentFile(type.xmlName, body));
      }
      props.push({
        ...fileProperties(org, type.xmlName, fullName, stored?.id ?? '', stored),
        fileName: `${root}${String(fileProperties(org, type.xmlName, fullName, '').fileName)}`,
      });
    }
  }
  for (const [name, body] of objectFiles)
    files[`${root}objects/${name}.object`] = strToU8(componentFile('CustomObject', body));
  files[`${root}package.xml`] = strToU8(
    packageXml(manifest, text(unpackaged?.version) ?? text(request.apiVersion) ?? '62.0'),
  );
  props.push({
    ...fileProperties(org, 'Package', `${root}package.xml`, ''),
    fileName: `${root}package.xml`,
    type: 'Package',
  });
  const zip = zipSync(files);
  const job: RetrieveJob = {
    id,
    status: 'Succeeded',
    zipFile: Buffer.from(zip).toString('base64'),
    fileProperties: props,
    messages,
  };
  org.metadata.retrieves.set(id.slice(0, 15), job);
  return job;
}

function packageXml(types: Array<{ name: string; members: string[] }>, version: string): string {
  const body = types
    .map(
      (t) =>
        `    <types>\n${t.members.map((m) => `        <members>${escapeXml(m)}</members>\n`).join('')}        ` +
        `<name>${escapeXml(t.name)}</name>\n    </types>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${body} ` +
    `   <version>${escapeXml(version)}</version>\n</Package>\n`
  );
}

export function retrieveResult(job: RetrieveJob, includeZip: boolean): Record<string, unknown> {
  return {
    done: true,
    fileProperties: job.fileProperties,
    id: job.id,
    messages: job.messages,
    status: job.status,
    success: job.status === 'Succeeded',
    ...(includeZip ? { zipFile: job.zipFile } : {}),
  };
}
