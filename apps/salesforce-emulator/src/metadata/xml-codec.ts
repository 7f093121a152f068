// XML in and out for the Metadata API. Requests (SOAP envelopes, package.xml, component files) are
// parsed with fast-xml-parser into plain records: element text stays a string (Metadata API values
// are typed by the WSDL, not by their look), a repeated element becomes an array, namespace prefixes
// are dropped (jsforce sends a default namespace and an unqualified xsi:type). Output is written by
// hand so element order, prefixes and escaping are exactly Salesforce's.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const MD_NS = 'http://soap.sforce.com/2006/04/metadata';

/** A metadata record as the Metadata API exchanges it: string leaves, nested records, arrays for repeats. */
export type MdValue = string | MdRecord | MdValue[];
export interface MdRecord {
  [key: string]: MdValue;
}

export type XmlParse = { ok: true; doc: MdRecord } | { ok: false; message: string; line: number; column: number };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses a document, or reports where it is not well-formed (as Salesforce's "Error parsing file"). */
export function parseXml(text: string): XmlParse {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, message: valid.err.msg, line: valid.err.line, column: valid.err.col };
  const doc = parser.parse(text) as MdRecord;
  return { ok: true, doc: strip(doc) as MdRecord };
}

/** Drops namespace declarations and turns empty elements ("") into empty strings consistently. */
function strip(v: unknown): MdValue {
  if (Array.isArray(v)) return v.map(strip);
  if (v !== null && typeof v === 'object') {
    const out: MdRecord = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === '@xmlns' || k.startsWith('@xmlns:')) continue;
      out[k] = strip(x);
    }
    return out;
  }
  return v === undefined || v === null ? '' : String(v);
}

export function arr(v: MdValue | undefined): MdValue[] {
  if (v === undefined || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

export function records(v: MdValue | undefined): MdRecord[] {
  return arr(v).filter((x): x is MdRecord => typeof x === 'object' && !Array.isArray(x));
}

/** The text of a leaf (an element carrying attributes keeps its text under #text). */
export function text(v: MdValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return text(v[0]);
  const t = v['#text'];
  return typeof t === 'string' ? t : Object.keys(v).every((k) => k.startsWith('@')) ? '' : undefined;
}

export function bool(v: MdValue | undefined, fallback = false): boolean {
  const t = text(v);
  return t === undefined || t === '' ? fallback : t.trim().toLowerCase() === 'true';
}

export function int(v: MdValue | undefined): number | undefined {
  const t = text(v);
  if (t === undefined || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Compact XML of a value (SOAP bodies). Keys starting with '@' are attributes; '#text' is text. */
export function toXml(name: string, value: MdValue | number | boolean | null | undefined): string {
  if (value === undefined) return '';
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  let attrs = '';
  let inner = '';
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@')) attrs += ` ${k.slice(1)}="${escapeXml(String(v))}"`;
    else if (k === '#text') inner += escapeXml(String(v));
    else inner += toXml(k, v);
  }
  return inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}

/** A component file as Salesforce's retrieve writes it: declaration, namespace, four-space indent. */
export function componentFile(rootName: string, record: MdRecord): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${rootName} xmlns="${MD_NS}">`];
  for (const [k, v] of orderedEntries(record)) pretty(lines, k, v, 1);
  lines.push(`</${rootName}>`);
  return `${lines.join('\n')}\n`;
}

function pretty(lines: string[], name: string, value: MdValue, depth: number): void {
  const pad = '    '.repeat(depth);
  if (Array.isArray(value)) {
    for (const v of value) pretty(lines, name, v, depth);
    return;
  }
  if (typeof value === 'string') {
    lines.push(`${pad}<${name}>${escapeXml(value)}</${name}>`);
    return;
  }
  const entries = orderedEntries(value).filter(([k]) => !k.startsWith('@'));
  if (entries.length === 0) {
    lines.push(`${pad}<${name}/>`);
    return;
  }
  lines.push(`${pad}<${name}>`);
  for (const [k, v] of entries) pretty(lines, k, v, depth + 1);
  lines.push(`${pad}</${name}>`);
}

/** Metadata API types list their elements alphabetically (the WSDL's order); fullName comes first. */
export function orderedEntries(record: MdRecord): Array<[string, MdValue]> {
  return Object.entries(record).sort(([a], [b]) =>
    a === 'fullName' ? -1 : b === 'fullName' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
}
