import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

// Metadata XML given by a caller (a raw Flow, AssignmentRules, Report, …) is checked here, inside the
// plan schema, so its problems come back with every other plan error before anything reaches
// Salesforce: well-formed, exactly one root element, the expected root, the Metadata API namespace.
// A DOCTYPE is refused outright: metadata files never carry one, and entity declarations are how an
// XML bomb expands.

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
export const MAX_XML_CHARS = 400_000;

// Entities are only the predefined and numeric ones: a DOCTYPE (which could declare more) is refused first.
const parser = new XMLParser({ ignoreAttributes: false, ignoreDeclaration: true });

/** Why `xml` is not a `<root xmlns=…metadata>` document, or null when it is one. */
export function metadataXmlProblem(xml: string, root: string): string | null {
  if (/<!DOCTYPE/i.test(xml)) return 'must not contain a DOCTYPE declaration';
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return `is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`;
  const doc = parser.parse(xml) as Record<string, unknown>;
  const roots = Object.keys(doc).filter((k) => !k.startsWith('#'));
  const count = roots.reduce((n, k) => n + (Array.isArray(doc[k]) ? (doc[k] as unknown[]).length : 1), 0);
  if (count !== 1) return `must have exactly one root element (found ${count})`;
  if (roots[0] !== root) return `must have the root element <${root}>, not <${roots[0]}>`;
  const element = doc[root];
  const ns = element && typeof element === 'object' ? (element as Record<string, unknown>)['@_xmlns'] : undefined;
  if (ns !== METADATA_NAMESPACE) return `<${root}> must declare xmlns="${METADATA_NAMESPACE}"`;
  return null;
}

/** The parsed root element's children (attributes under `@_`), for callers that read a few values. */
export function metadataXmlRoot(xml: string, root: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(xml)) return {};
  const doc = parser.parse(xml) as Record<string, unknown>;
  const element = doc[root];
  return element && typeof element === 'object' ? (element as Record<string, unknown>) : {};
}

/** A raw metadata document field: bounded text, checked against its root element. */
export function metadataXml(root: string) {
  return z
    .string()
    .min(1)
    .max(MAX_XML_CHARS)
    .superRefine((v, ctx) => {
      const problem = metadataXmlProblem(v, root);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(`A whole Metadata API file: <?xml …?><${root} xmlns="${METADATA_NAMESPACE}">…</${root}>.`);
}
