// One org's metadata components, as Metadata API records (the structures readMetadata returns), keyed
// by type and fullName (case-insensitively, as Salesforce matches them). Deploys, the CRUD calls,
// retrieve/listMetadata and the Tooling API all read and write here. Components are immutable values;
// a change replaces one, so clone() (a workspace for a deploy) is a cheap copy of the maps.
// CustomObject/CustomField are also applied to the org schema; the record kept here is what was
// deployed, so it round-trips exactly.
import type { MdRecord } from './xml-codec.ts';

export interface FlowVersion {
  id: string;
  versionNumber: number;
  /** Active, Draft, Obsolete (from the record's status). */
  status: string;
  record: MdRecord;
  createdMs: number;
}

export interface Component {
  readonly type: string;
  readonly fullName: string;
  readonly id: string;
  readonly record: MdRecord;
  readonly createdMs: number;
  readonly modifiedMs: number;
  readonly createdById: string;
  readonly modifiedById: string;
  /** Flow only: every version, oldest first. */
  readonly versions?: readonly FlowVersion[];
}

export interface SerializedStore {
  components: Component[];
  flsManaged: string[];
}

export class ComponentStore {
  private readonly byType = new Map<string, Map<string, Component>>();
  /** "object.field" (lower case) of custom fields created through the Metadata or Tooling API: field-level
   * security applies to them (fields created in Setup, or by the control plane, are visible to every profile). */
  readonly flsManaged = new Set<string>();
  /** Bumps on every change (field-access caches key on it). */
  version = 0;

  get(type: string, fullName: string): Component | undefined {
    return this.byType.get(type.toLowerCase())?.get(fullName.toLowerCase());
  }

  list(type: string): Component[] {
    return [...(this.byType.get(type.toLowerCase())?.values() ?? [])];
  }

  byId(id: string): Component | undefined {
    const id15 = id.slice(0, 15);
    for (const map of this.byType.values()) for (const c of map.values()) if (c.id.slice(0, 15) === id15) return c;
    return undefined;
  }

  put(c: Component): void {
    const key = c.type.toLowerCase();
    let map = this.byType.get(key);
    if (!map) {
      map = new Map();
      this.byType.set(key, map);
    }
    map.set(c.fullName.toLowerCase(), c);
    this.version++;
  }

  remove(type: string, fullName: string): Component | undefined {
    const map = this.byType.get(type.toLowerCase());
    const c = map?.get(fullName.toLowerCase());
    if (c) {
      map!.delete(fullName.toLowerCase());
      this.version++;
    }
    return c;
  }

  /** Children of a parent component (CustomField of an object, …): fullNames starting "Parent.". */
  childrenOf(type: string, parentName: string): Component[] {
    const prefix = `${parentName.toLowerCase()}.`;
    return this.list(type).filter((c) => c.fullName.toLowerCase().startsWith(prefix));
  }

  clone(): ComponentStore {
    const copy = new ComponentStore();
    for (const [k, map] of this.byType) copy.byType.set(k, new Map(map));
    for (const f of this.flsManaged) copy.flsManaged.add(f);
    copy.version = this.version;
    return copy;
  }

  /** Takes over a workspace's contents (a committed deploy). */
  adopt(other: ComponentStore): void {
    this.byType.clear();
    for (const [k, map] of other.byType) this.byType.set(k, map);
    this.flsManaged.clear();
    for (const f of other.flsManaged) this.flsManaged.add(f);
    this.version = Math.max(this.version, other.version) + 1;
  }

  clear(): void {
    this.byType.clear();
    this.flsManaged.clear();
    this.version++;
  }

  toJSON(): SerializedStore {
    const components: Component[] = [];
    for (const map of this.byType.values()) components.push(...map.values());
    return { components, flsManaged: [...this.flsManaged] };
  }

  load(data: SerializedStore | undefined): void {
    this.clear();
    for (const c of data?.components ?? []) this.put(c);
    for (const f of data?.flsManaged ?? []) this.flsManaged.add(f);
  }
}
