// The ~1,250-object schema of a real org, loaded once per process on first use and shared, immutable,
// by every org. Each describe stays a JSON string until an object is first asked for, so loading costs
// one gunzip and one parse of mostly-strings, and memory grows only with the objects actually used.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { completeEntry, headerOf, type FixtureEntry, type ObjectHeader } from './describe-completion.ts';
import type { ObjectDef } from './types.ts';

interface Fixture {
  source: Record<string, string>;
  lengths: Record<string, number>;
  objects: FixtureEntry[];
}

export class BaseSchema {
  /** Canonical names in describeGlobal order. */
  readonly names: readonly string[];
  readonly source: Readonly<Record<string, string>>;
  private readonly entries = new Map<string, FixtureEntry>();
  private readonly headers = new Map<string, ObjectHeader>();
  private readonly defs = new Map<string, ObjectDef>();
  private readonly lengths: Record<string, number>;

  constructor(fixture: Fixture) {
    this.source = fixture.source;
    this.lengths = fixture.lengths;
    for (const e of fixture.objects) this.entries.set(e.n.toLowerCase(), e);
    this.names = fixture.objects.map((e) => e.n);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  header(name: string): ObjectHeader | undefined {
    const key = name.toLowerCase();
    let h = this.headers.get(key);
    if (!h) {
      const entry = this.entries.get(key);
      if (!entry) return undefined;
      h = headerOf(entry);
      this.headers.set(key, h);
    }
    return h;
  }

  get(name: string): ObjectDef | undefined {
    const key = name.toLowerCase();
    let def = this.defs.get(key);
    if (!def) {
      const entry = this.entries.get(key);
      if (!entry) return undefined;
      def = completeEntry(entry, { lengths: this.lengths }, (n) => this.header(n)?.label);
      this.defs.set(key, def);
      // The string is no longer needed once parsed; dropping it keeps memory proportional to use.
      delete entry.d;
    }
    return def;
  }

  /** The key prefixes the base schema uses, so custom objects never collide with them. */
  keyPrefixes(): Set<string> {
    const out = new Set<string>();
    for (const n of this.names) {
      const p = this.header(n)?.keyPrefix;
      if (p) out.add(p);
    }
    return out;
  }
}

let shared: BaseSchema | undefined;

export const FIXTURE_PATH = path.resolve(import.meta.dirname, '../../fixtures/base-schema.json.gz');

/** The process-wide base schema; the first call reads the fixture (about 0.2 s), later calls are free. */
export function baseSchema(): BaseSchema {
  if (!shared) shared = new BaseSchema(JSON.parse(gunzipSync(readFileSync(FIXTURE_PATH)).toString('utf8')) as Fixture);
  return shared;
}
