// Pure comparison of two describes (field by field) and of two manifests (object by object).

interface Field {
  name: string;
  [k: string]: unknown;
}

/** The field properties a schema change is made of. */
const PROPS = [
  'type',
  'length',
  'precision',
  'scale',
  'nillable',
  'picklistValues',
  'referenceTo',
  'externalId',
  'unique',
  'label',
] as const;

function normalise(prop: string, value: unknown): unknown {
  if (prop === 'picklistValues' && Array.isArray(value)) {
    return value
      .filter((v) => (v as { active?: boolean }).active !== false)
      .map((v) => (v as { value: unknown }).value);
  }
  if (prop === 'referenceTo' && Array.isArray(value)) return [...value].sort();
  return value ?? null;
}

export interface ChangedField {
  name: string;
  changes: Record<string, [unknown, unknown]>;
}

export interface ObjectDiff {
  name: string;
  added_fields: string[];
  removed_fields: string[];
  changed_fields: ChangedField[];
}

export function diffDescribes(name: string, before: { fields?: Field[] }, after: { fields?: Field[] }): ObjectDiff {
  const a = new Map((before.fields ?? []).map((f) => [f.name, f]));
  const b = new Map((after.fields ?? []).map((f) => [f.name, f]));
  const changed: ChangedField[] = [];
  for (const [fname, fb] of b) {
    const fa = a.get(fname);
    if (!fa) continue;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const p of PROPS) {
      const x = normalise(p, fa[p]);
      const y = normalise(p, fb[p]);
      if (JSON.stringify(x) !== JSON.stringify(y)) changes[p] = [x, y];
    }
    if (Object.keys(changes).length > 0) changed.push({ name: fname, changes });
  }
  return {
    name,
    added_fields: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed_fields: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed_fields: changed.sort((x, y) => x.name.localeCompare(y.name)),
  };
}

export function diffManifests(a: Record<string, string>, b: Record<string, string>, only: Set<string> | null) {
  const inScope = (n: string) => !only || only.has(n);
  return {
    added: Object.keys(b)
      .filter((n) => !(n in a) && inScope(n))
      .sort(),
    removed: Object.keys(a)
      .filter((n) => !(n in b) && inScope(n))
      .sort(),
    changed: Object.keys(b)
      .filter((n) => n in a && a[n] !== b[n] && inScope(n))
      .sort(),
  };
}
