// Builds fixtures/base-schema.json.gz from the real org data in ../shared/fixtures/salesforce.
// Run once when the source data changes:
//   node scripts/launch.cjs apps/salesforce-emulator/tools/build-fixtures.ts [sourceDir]
// The output keeps every describe as a JSON string so the emulator parses an object only when
// it is first described (see src/schema/base-schema.ts).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { KNOWN_KEY_PREFIXES } from './known-key-prefixes.ts';

// biome-ignore lint/suspicious/noExplicitAny: a one-off converter over untyped fixture JSON
type Json = Record<string, any>;

const appDir = path.resolve(import.meta.dirname, '..');
const src = path.resolve(process.argv[2] ?? path.join(appDir, '../../../shared/fixtures/salesforce'));
const out = path.join(appDir, 'fixtures');
// biome-ignore lint/suspicious/noExplicitAny: a one-off converter over untyped fixture JSON
const read = (p: string): any => JSON.parse(readFileSync(path.join(src, p), 'utf8'));

const typeNames: Array<{ name: string }> = read('org-v61/typeNames.json');
const names = typeNames.map((t) => t.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const nameSet = new Set(names);
const global: Json = read('full-describes/describeGlobal.cumulusci.json');
const globalByName = new Map<string, Json>(global.sobjects.map((s: Json) => [s.name, s]));
const FULL = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Event', 'OpportunityContactRole'];

// A fresh Developer Edition org has no custom fields or record types: strip the recording org's.
const isCustomName = (n: string | null | undefined) => !!n && /__(c|r|x|mdt|e|b)$/i.test(n);

function stripFull(d: Json): Json {
  const fields = d.fields.filter((f: Json) => !f.custom && !isCustomName(f.name) && f.name !== 'RecordTypeId');
  const childRelationships = d.childRelationships.filter(
    (c: Json) => nameSet.has(c.childSObject) && !isCustomName(c.field) && !isCustomName(c.relationshipName),
  );
  const out: Json = { ...d, fields, childRelationships, recordTypeInfos: [] };
  delete out.urls;
  return out;
}

function stripTrimmed(d: Json): Json {
  return {
    ...d,
    fields: d.fields.filter((f: Json) => !f.custom && !isCustomName(f.name)),
    childRelationships: (d.childRelationships ?? []).filter(
      (c: Json) => nameSet.has(c.childSObject) && !isCustomName(c.field) && !isCustomName(c.relationshipName),
    ),
  };
}

// Standard field lengths seen in the complete describes, reused for same-named fields of trimmed objects.
const lengths: Record<string, number> = {};
const GLOBAL_FLAG_KEYS = [
  'activateable',
  'createable',
  'customSetting',
  'deepCloneable',
  'deletable',
  'deprecatedAndHidden',
  'feedEnabled',
  'hasSubtypes',
  'isInterface',
  'isSubtype',
  'layoutable',
  'mergeable',
  'mruEnabled',
  'queryable',
  'replicateable',
  'retrieveable',
  'searchable',
  'triggerable',
  'undeletable',
  'updateable',
];

const objects: Json[] = [];
for (const name of names) {
  const entry: Json = { n: name };
  const g = globalByName.get(name);
  let describe: Json | undefined;
  if (FULL.includes(name)) {
    describe = stripFull(read(`full-describes/${name}.cumulusci.json`));
    entry.k = 'full';
    for (const f of describe.fields) if (f.length > 0) lengths[`${f.name}|${f.type}`] = f.length;
  } else {
    const file = path.join(src, 'org-v61/objects', `${name}.json`);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trim()) {
      describe = stripTrimmed(JSON.parse(text));
      entry.k = 'trimmed';
    } else entry.k = 'generated';
  }
  if (describe) {
    entry.l = describe.label;
    entry.q = describe.queryable;
    const fieldNames = new Set(describe.fields.map((f: Json) => f.name));
    entry.h = { owner: fieldNames.has('OwnerId'), name: fieldNames.has('Name') };
    entry.d = JSON.stringify(describe);
  }
  if (g) {
    entry.l = g.label;
    entry.lp = g.labelPlural;
    entry.g = Object.fromEntries(GLOBAL_FLAG_KEYS.map((k) => [k, g[k]]));
    entry.u = Object.keys(g.urls);
  }
  const known = g && g.keyPrefix !== null ? g.keyPrefix : KNOWN_KEY_PREFIXES[name];
  if (known !== undefined) entry.p = known;
  else if (g) entry.p = null;
  objects.push(entry);
}

// Objects with no known prefix get a stable synthetic one that collides with nothing real we carry.
const used = new Set(objects.map((o) => o.p).filter((p): p is string => typeof p === 'string'));
const ALPHA = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let cursor = 0;
function nextPrefix(): string {
  for (;;) {
    const a = ALPHA[10 + (Math.floor(cursor / 62) % 26)]!; // 1st char of 2: a capital letter after a "1"
    const b = ALPHA[cursor % 62]!;
    cursor++;
    const p = `1${a}${b}`;
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
}
const familySuffix = /(ChangeEvent|History|Feed|Share)$/;
for (const o of objects) {
  if (o.p !== undefined) continue;
  // Salesforce reports no prefix for the feed/history/share/change-event families it derives per object.
  o.p = o.k === 'generated' && familySuffix.test(o.n) ? null : nextPrefix();
}

const payload = {
  source: {
    names: 'salesforce-experiencecloud/lwrfileupload@f2ef9d9 .sfdx/tools/soqlMetadata (CC0), API v61.0',
    full: 'SFDO-Tooling/CumulusCI@598cda5 cumulusci/tests/shared_cassettes (BSD-3-Clause)',
    template: 'j-schreiber/js-sf-cli-plugin@b54e063 test/data/describes/Account.json (BSD-3-Clause)',
  },
  template: buildTemplate(read('full-describes/Account.v62.json')),
  lengths,
  objects,
};

function buildTemplate(account: Json): Json {
  const fieldKeys = Object.keys(account.fields[0]);
  const objectKeys = Object.keys(account);
  return { fieldKeys, objectKeys };
}

mkdirSync(out, { recursive: true });
const json = JSON.stringify(payload);
writeFileSync(path.join(out, 'base-schema.json.gz'), gzipSync(json, { level: 9 }));
copyFileSync(path.join(src, 'org-v61/LICENSE-CC0.txt'), path.join(out, 'LICENSE-CC0-lwrfileupload.txt'));
copyFileSync(path.join(src, 'full-describes/LICENSE-BSD3-cumulusci.txt'), path.join(out, 'LICENSE-BSD3-cumulusci.txt'));
const counts: Record<string, number> = {};
for (const o of objects) counts[o.k] = (counts[o.k] ?? 0) + 1;
console.log(`${objects.length} objects`, counts, `${(json.length / 1e6).toFixed(1)} MB json`);
