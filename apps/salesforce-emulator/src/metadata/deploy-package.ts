// Reads a deploy zip into a plan: the components to save (from mdapi-format files named in each
// package.xml), the components to delete (destructiveChanges[Pre|Post].xml), and the file-level
// problems Salesforce reports ("No package.xml found", "Unknown type name 'X' specified in
// package.xml", "An object 'X' of type T was named in package.xml, but was not found in zipped
// directory", "Error parsing file: …"). SFDX source files (*-meta.xml, objects/X/fields/…) are not
// mdapi files, so the components they would hold are simply not found, as on Salesforce.
import { strFromU8, unzipSync } from 'fflate';
import { metadataType, type MetadataType } from './metadata-types.ts';
import { arr, parseXml, records, text, type MdRecord } from './xml-codec.ts';

export const MAX_ZIP_BYTES = 39 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 600 * 1024 * 1024;
export const MAX_FILES = 10000;

export interface PlannedSave {
  type: string;
  fullName: string;
  record: MdRecord;
  fileName: string;
}

export interface PlannedDelete {
  type: string;
  fullName: string;
  fileName: string;
}

export interface FileProblem {
  fileName: string;
  fullName: string;
  componentType: string;
  problem: string;
  lineNumber?: number;
  columnNumber?: number;
}

export interface DeployPlan {
  saves: PlannedSave[];
  preDeletes: PlannedDelete[];
  postDeletes: PlannedDelete[];
  problems: FileProblem[];
  /** package.xml files read (each is reported as a component success, as Salesforce does). */
  manifests: string[];
}

export type Unzipped =
  | { ok: true; files: Map<string, Uint8Array> }
  | { ok: false; reason: 'empty' | 'corrupt' | 'too-many-files' | 'too-large' };

export function readZip(bytes: Uint8Array): Unzipped {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_ZIP_BYTES) return { ok: false, reason: 'too-large' };
  let count = 0;
  let total = 0;
  let over: 'too-many-files' | 'too-large' | undefined;
  try {
    const raw = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        count++;
        total += file.originalSize;
        if (count > MAX_FILES) over ??= 'too-many-files';
        if (total > MAX_UNZIPPED_BYTES) over ??= 'too-large';
        return !over;
      },
    });
    if (over) return { ok: false, reason: over };
    return { ok: true, files: new Map(Object.entries(raw).map(([k, v]) => [k.replace(/^\.\//, ''), v])) };
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}

interface Manifest {
  types: Array<{ name: string; members: string[] }>;
}

function readManifest(files: Map<string, Uint8Array>, path: string, problems: FileProblem[]): Manifest | undefined {
  const parsed = parseXml(strFromU8(files.get(path)!));
  if (!parsed.ok) {
    problems.push({
      fileName: path,
      fullName: path.split('/').pop()!,
      componentType: '',
      problem: `Error parsing file: ${parsed.message}`,
      lineNumber: parsed.line,
      columnNumber: parsed.column,
    });
    return undefined;
  }
  const pkg = parsed.doc.Package;
  if (pkg === undefined || typeof pkg !== 'object' || Array.isArray(pkg)) {
    const root = Object.keys(parsed.doc)[0] ?? '';
    problems.push({
      fileName: path,
      fullName: path.split('/').pop()!,
      componentType: '',
      problem: `Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}${root} invalid at this location`,
    });
    return undefined;
  }
  return {
    types: records(pkg.types).map((t) => ({
      name: text(t.name) ?? '',
      members: arr(t.members).map((m) => text(m) ?? ''),
    })),
  };
}

/** The directories holding a package: the zip root (singlePackage) or each top-level folder. */
function packageRoots(files: Map<string, Uint8Array>, singlePackage: boolean): string[] {
  if (singlePackage) return [''];
  const dirs = new Set<string>();
  for (const name of files.keys()) if (name.includes('/')) dirs.add(`${name.split('/')[0]}/`);
  return [...dirs];
}

export function planDeploy(files: Map<string, Uint8Array>, singlePackage: boolean): DeployPlan {
  const plan: DeployPlan = { saves: [], preDeletes: [], postDeletes: [], problems: [], manifests: [] };
  const parsedFiles = new Map<string, MdRecord | null>();
  for (const root of packageRoots(files, singlePackage)) {
    const manifestPath = `${root}package.xml`;
    if (!files.has(manifestPath)) {
      plan.problems.push({
        fileName: manifestPath,
        fullName: 'package.xml',
        componentType: '',
        problem: 'No package.xml found',
      });
      continue;
    }
    const manifest = readManifest(files, manifestPath, plan.problems);
    if (!manifest) continue;
    plan.manifests.push(manifestPath);
    const seen = new Set<string>();
    for (const t of manifest.types) {
      const type = metadataType(t.name);
      if (!type) {
        plan.problems.push({
          fileName: manifestPath,
          fullName: t.name,
          componentType: '',
          problem: `Unknown type name '${t.name}' specified in package.xml`,
        });
        continue;
      }
      for (const member of expand(files, root, type, t.members)) {
        const key = `${type.xmlName}:${member}`.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        collect(files, parsedFiles, root, manifestPath, type, member, plan, seen);
      }
    }
    for (const [file, into] of [
      ['destructiveChangesPre.xml', plan.preDeletes],
      ['destructiveChanges.xml', plan.preDeletes],
      ['destructiveChangesPost.xml', plan.postDeletes],
    ] as const) {
      const path = `${root}${file}`;
      if (!files.has(path)) continue;
      const destructive = readManifest(files, path, plan.problems);
      for (const t of destructive?.types ?? []) {
        const type = metadataType(t.name);
        if (!type) {
          plan.problems.push({
            fileName: path,
            fullName: t.name,
            componentType: '',
            problem: `Unknown type name '${t.name}' specified in ${file}`,
          });
          continue;
        }
        for (const member of t.members) into.push({ type: type.xmlName, fullName: member, fileName: path });
      }
    }
  }
  return plan;
}

/** Members of a type, with "*" expanded to every matching file (or child element) in the package. */
function expand(files: Map<string, Uint8Array>, root: string, type: MetadataType, members: string[]): string[] {
  if (!members.includes('*')) return members;
  const out = members.filter((m) => m !== '*');
  const dir = `${root}${type.directoryName}/`;
  for (const name of files.keys()) {
    if (!name.startsWith(dir)) continue;
    const rest = name.slice(dir.length);
    if (type.parent) continue; // children of "*" come with their parents' files
    if (type.suffix && rest.endsWith(`.${type.suffix}`)) out.push(rest.slice(0, -type.suffix.length - 1));
  }
  return out;
}

function parseFile(
  files: Map<string, Uint8Array>,
  cache: Map<string, MdRecord | null>,
  path: string,
  plan: DeployPlan,
  fullName: string,
  typeName: string,
  rootName: string,
): MdRecord | null {
  if (cache.has(path)) return cache.get(path)!;
  const parsed = parseXml(strFromU8(files.get(path)!));
  let out: MdRecord | null = null;
  if (!parsed.ok) {
    plan.problems.push({
      fileName: path,
      fullName,
      componentType: typeName,
      problem: `Error parsing file: ${parsed.message}`,
      lineNumber: parsed.line,
      columnNumber: parsed.column,
    });
  } else {
    const root = parsed.doc[rootName];
    if (root === undefined || Array.isArray(root)) {
      const found = Object.keys(parsed.doc)[0] ?? '';
      plan.problems.push({
        fileName: path,
        fullName,
        componentType: typeName,
        problem: `Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}${found} invalid at this location`,
      });
    } else out = typeof root === 'string' ? {} : root;
  }
  cache.set(path, out);
  return out;
}

function collect(
  files: Map<string, Uint8Array>,
  cache: Map<string, MdRecord | null>,
  root: string,
  manifestPath: string,
  type: MetadataType,
  member: string,
  plan: DeployPlan,
  seen: Set<string>,
): void {
  const missing = (): void =>
    void plan.problems.push({
      fileName: manifestPath,
      fullName: member,
      componentType: type.xmlName,
      problem: `An object '${member}' of type ${type.xmlName} was named in package.xml, but was not found in zipped directory`,
    });
  if (type.parent) {
    const parent = metadataType(type.parent)!;
    const [parentName, ...rest] = member.split('.');
    const childName = rest.join('.');
    const path = `${root}${parent.directoryName}/${parentName}.${parent.suffix}`;
    if (!files.has(path)) return missing();
    const rec = parseFile(files, cache, path, plan, member, type.xmlName, parent.xmlName);
    if (!rec) return;
    const element = parent.children![type.xmlName]!;
    const child = records(rec[element]).find((c) => (text(c.fullName) ?? '').toLowerCase() === childName.toLowerCase());
    if (!child) return missing();
    plan.saves.push({
      type: type.xmlName,
      fullName: `${parentName}.${text(child.fullName)}`,
      record: { ...child, fullName: `${parentName}.${text(child.fullName)}` },
      fileName: path,
    });
    return;
  }
  const folderType = type.folderType && !member.includes('/') ? metadataType(type.folderType)! : undefined;
  const effective = folderType ?? type;
  const path = folderType
    ? `${root}${type.directoryName}/${member}-meta.xml`
    : `${root}${type.directoryName}/${member}.${type.suffix}`;
  if (!files.has(path)) return missing();
  const rec = parseFile(files, cache, path, plan, member, effective.xmlName, effective.xmlName);
  if (!rec) return;
  const own: MdRecord = { ...rec, fullName: member };
  for (const [childType, element] of Object.entries(type.children ?? {})) {
    if (!(element in own)) continue;
    for (const child of records(own[element])) {
      const name = `${member}.${text(child.fullName) ?? ''}`;
      const key = `${childType}:${name}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      plan.saves.push({ type: childType, fullName: name, record: { ...child, fullName: name }, fileName: path });
    }
    delete own[element];
  }
  plan.saves.push({ type: effective.xmlName, fullName: member, record: own, fileName: path });
}
