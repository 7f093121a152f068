// Deterministic, realistic record generators for seeding (demo data, bulk loads such as 100k Accounts).
// Picklist values come from the org's own describe, so generated data always passes validation.
import type { ObjectDef } from '../schema/types.ts';

export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** mulberry32: small, fast, and the same sequence on every machine. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Diego',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rafael',
  'Sofia',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Anders',
  'Bauer',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinlan',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ueda',
  'Vargas',
  'Weber',
  'Yilmaz',
  'Zhang',
];
const WORDS = [
  'Acme',
  'Blue',
  'Cedar',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Maple',
  'Nimbus',
  'Orion',
  'Pioneer',
  'Quartz',
  'Ridge',
  'Summit',
  'Tidal',
  'Union',
  'Vertex',
  'Willow',
  'Zenith',
];
const SUFFIX = [
  'Labs',
  'Systems',
  'Logistics',
  'Health',
  'Energy',
  'Foods',
  'Analytics',
  'Partners',
  'Manufacturing',
  'Media',
  'Robotics',
  'Financial',
];
const CITIES: Array<[string, string, string]> = [
  ['San Francisco', 'CA', 'USA'],
  ['Austin', 'TX', 'USA'],
  ['New York', 'NY', 'USA'],
  ['Chicago', 'IL', 'USA'],
  ['Seattle', 'WA', 'USA'],
  ['Boston', 'MA', 'USA'],
  ['Toronto', 'ON', 'Canada'],
  ['London', '', 'United Kingdom'],
  ['Berlin', '', 'Germany'],
  ['Paris', '', 'France'],
];
const TITLES = [
  'CEO',
  'CFO',
  'VP Sales',
  'Director of Operations',
  'IT Manager',
  'Procurement Lead',
  'Head of Marketing',
  'Engineering Manager',
];
const SUBJECTS = [
  'Cannot log in to portal',
  'Invoice discrepancy',
  'Shipment delayed',
  'Feature request: export to CSV',
  'Integration returns 500',
  'Password reset not received',
  'Billing address update',
  'Performance degradation',
];

export function picklist(def: ObjectDef, field: string): string[] {
  return (
    def.fieldMap
      .get(field.toLowerCase())
      ?.picklistValues.filter((p) => p.active)
      .map((p) => p.value) ?? []
  );
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface GenContext {
  rnd: Prng;
  def: ObjectDef;
  nowMs: number;
  /** Ids of existing parents (Accounts for contacts, opportunities and cases). */
  accountIds: string[];
}

export type Generator = (i: number, g: GenContext) => Record<string, unknown>;

function company(i: number, rnd: Prng): string {
  return `${rnd.pick(WORDS)} ${rnd.pick(SUFFIX)}${i >= WORDS.length * SUFFIX.length ? ` ${i}` : ''}`;
}

export const GENERATORS: Record<string, Generator> = {
  account: (i, { rnd, def }) => {
    const [city, st, country] = rnd.pick(CITIES);
    const name = company(i, rnd);
    return {
      Name: name,
      Industry: rnd.pick(picklist(def, 'Industry')),
      Type: rnd.pick(picklist(def, 'Type')),
      Rating: rnd.pick(picklist(def, 'Rating')),
      NumberOfEmployees: rnd.int(5, 20000),
      AnnualRevenue: rnd.int(1, 500) * 100000,
      BillingCity: city,
      BillingState: st || null,
      BillingCountry: country,
      Phone: `+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
      Website: `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.com`,
      AccountSource: rnd.pick(picklist(def, 'AccountSource')),
    };
  },
  contact: (i, { rnd, accountIds }) => {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    return {
      FirstName: first,
      LastName: last,
      Title: rnd.pick(TITLES),
      Email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      Phone: `+1 212 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
      AccountId: accountIds.length ? rnd.pick(accountIds) : null,
    };
  },
  lead: (i, { rnd, def }) => {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    return {
      FirstName: first,
      LastName: last,
      Company: company(i, rnd),
      Title: rnd.pick(TITLES),
      Email: `${first}.${last}.lead${i}@example.com`.toLowerCase(),
      Status: rnd.pick(picklist(def, 'Status')),
      LeadSource: rnd.pick(picklist(def, 'LeadSource')),
      Industry: rnd.pick(picklist(def, 'Industry')),
    };
  },
  opportunity: (i, { rnd, def, nowMs, accountIds }) => ({
    Name: `${rnd.pick(WORDS)} ${rnd.pick(['Renewal', 'Expansion', 'Pilot', 'Platform Deal', 'Upsell'])} ${i + 1}`,
    StageName: rnd.pick(picklist(def, 'StageName')),
    CloseDate: isoDate(nowMs + rnd.int(-60, 120) * 86400000),
    Amount: rnd.int(5, 400) * 1000,
    AccountId: accountIds.length ? rnd.pick(accountIds) : null,
    LeadSource: rnd.pick(picklist(def, 'LeadSource')),
  }),
  case: (_i, { rnd, def, accountIds }) => ({
    Subject: rnd.pick(SUBJECTS),
    Status: rnd.pick(picklist(def, 'Status')),
    Origin: rnd.pick(picklist(def, 'Origin')),
    Priority: rnd.pick(picklist(def, 'Priority')),
    AccountId: accountIds.length ? rnd.pick(accountIds) : null,
  }),
};

/** A template: strings with {n} get the 1-based index, arrays cycle through their values. */
export function fromTemplate(template: Record<string, unknown>): Generator {
  return (i) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      if (typeof v === 'string') out[k] = v.replaceAll('{n}', String(i + 1));
      else if (Array.isArray(v)) out[k] = v.length ? v[i % v.length] : null;
      else out[k] = v;
    }
    return out;
  };
}
