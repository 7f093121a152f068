// Builders for Metadata API tests: mdapi zips (package.xml, objects/X.object, …) and a jsforce
// connection bound to a test org with fast deploy polling.
import { Connection } from '@jsforce/jsforce-node';
import { strToU8, zipSync } from 'fflate';
import type { RunningEmulator } from '../src/index.ts';
import { VERSION, type TestOrg } from './helpers.ts';

export function jsforce(emu: RunningEmulator, org: TestOrg): Connection {
  const conn = new Connection({ instanceUrl: emu.url, accessToken: org.token, version: VERSION });
  conn.metadata.pollInterval = 25;
  conn.metadata.pollTimeout = 20000;
  return conn;
}

export function zip(files: Record<string, string>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));
}

export function packageXml(types: Record<string, string[]>, root = 'Package'): string {
  const body = Object.entries(types)
    .map(
      ([name, members]) =>
        `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${name}</name></types>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="http://soap.sforce.com/2006/04/metadata">${body}<version>${VERSION}</version></${root}>`;
}

export interface FieldXml {
  name: string;
  type: string;
  label?: string;
  extra?: string;
}

export function fieldXml(f: FieldXml): string {
  const defaults: Record<string, string> = {
    Text: '<length>80</length>',
    Number: '<precision>18</precision><scale>2</scale>',
    Currency: '<precision>16</precision><scale>2</scale>',
    Checkbox: '<defaultValue>false</defaultValue>',
    LongTextArea: '<length>32768</length><visibleLines>3</visibleLines>',
  };
  return `<fields><fullName>${f.name}</fullName><label>${f.label ?? f.name.replace(/__c$/, '')}</label><type>${f.type}</type>${f.extra ?? defaults[f.type] ?? ''}</fields>`;
}

export function objectXml(
  opts: { label?: string; sharingModel?: string; fields?: FieldXml[]; extra?: string; standard?: boolean } = {},
): string {
  const head = opts.standard
    ? ''
    : `<label>${opts.label ?? 'Thing'}</label><pluralLabel>${opts.label ?? 'Thing'}s</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus><sharingModel>${opts.sharingModel ?? 'ReadWrite'}</sharingModel>`;
  return `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${head}${(opts.fields ?? []).map(fieldXml).join('')}${opts.extra ?? ''}</CustomObject>`;
}

export function permissionSetXml(name: string, fields: string[], objects: string[] = []): string {
  const fps = fields
    .map(
      (f) =>
        `<fieldPermissions><editable>true</editable><field>${f}</field><readable>true</readable></fieldPermissions>`,
    )
    .join('');
  const ops = objects
    .map(
      (o) =>
        `<objectPermissions><allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>${o}</object><viewAllRecords>false</viewAllRecords></objectPermissions>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>${name}</label>${fps}${ops}</PermissionSet>`;
}

/** Deploys (SOAP, singlePackage) and waits for the result with details. */
export async function deploy(conn: Connection, files: Record<string, string>, options: Record<string, unknown> = {}) {
  return conn.metadata.deploy(zip(files), { singlePackage: true, ...options }).complete(true);
}
