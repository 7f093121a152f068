import { METADATA_NAMESPACE } from '@sfx/contract';

// A small writer for Metadata API documents: nodes in the order given (the builders follow the WSDL
// sequence, which is the alphabetical order Salesforce retrieves), indented as retrieved files are, so
// a before-copy and what the engine deployed diff line by line. Undefined/null values are left out.

export type XmlValue = string | number | boolean | undefined | null | XmlNode[];
export type XmlNode = readonly [name: string, value: XmlValue];

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(nodes: readonly XmlNode[], depth: number): string {
  const pad = '    '.repeat(depth);
  let out = '';
  for (const [name, value] of nodes) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out += `${pad}<${name}>\n${write(value, depth + 1)}${pad}</${name}>\n`;
    else out += `${pad}<${name}>${escapeXml(String(value))}</${name}>\n`;
  }
  return out;
}

/** A whole file: declaration, `<root xmlns=metadata>`, the nodes. */
export function mdDocument(root: string, nodes: readonly XmlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${METADATA_NAMESPACE}">\n${write(nodes, 1)}</${root}>\n`;
}

/** Several elements of one name (`<columns>` × n). */
export function repeated<T>(name: string, items: readonly T[] | undefined, f: (item: T) => XmlValue): XmlNode[] {
  return (items ?? []).map((item) => [name, f(item)] as const);
}
