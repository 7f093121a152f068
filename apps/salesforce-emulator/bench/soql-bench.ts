// SOQL engine benchmark: 100,000 Account rows (plus 20,000 Contacts) in a standalone in-memory
// SoqlData, timing typical queries. Targets: a selective query over 100k rows in <= 200 ms; a
// full SELECT Id, Name over 100k in a few hundred ms. Run alone with
//   node scripts/launch.cjs apps/salesforce-emulator/bench/soql-bench.ts
import { executeSoql, type SoqlData, type SoqlRow } from '../src/soql/index.ts';
import { id, opts, schema } from '../src/soql/test-fixtures.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const ACCOUNTS = 100_000;
const CONTACTS = 20_000;
const INDUSTRIES = ['Technology', 'Energy', 'Banking', null];

function buildData(): SoqlData {
  const owner = id('005', 1);
  const accounts: SoqlRow[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const created = new Date(Date.UTC(2024, 0, 1) + (i % 366) * 86_400_000 + (i % 86_400) * 1000);
    accounts.push({
      Id: id('001', i),
      IsDeleted: false,
      Name: `Acme ${i}`,
      Industry: INDUSTRIES[i % 4],
      BillingCity: `City ${i % 500}`,
      AnnualRevenue: i * 10,
      NumberOfEmployees: i % 1000,
      OwnerId: owner,
      ParentId: null,
      CreatedDate: created.toISOString().replace('Z', '+0000'),
      LastActivityDate: created.toISOString().slice(0, 10),
    });
  }
  const contacts: SoqlRow[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    contacts.push({
      Id: id('003', i),
      IsDeleted: false,
      AccountId: id('001', i % 5000),
      LastName: `Doe ${i}`,
      Name: `Jane Doe ${i}`,
      Email: `jane${i}@example.com`,
    });
  }
  const users: SoqlRow[] = [{ Id: owner, Name: 'Alice Admin', Alias: 'aadmin', IsActive: true }];
  const tables: Record<string, SoqlRow[]> = { Account: accounts, Contact: contacts, User: users };
  const byId = new Map<string, { objectName: string; row: SoqlRow }>();
  for (const [objectName, rows] of Object.entries(tables))
    for (const row of rows) byId.set(String(row.Id).slice(0, 15), { objectName, row });
  return {
    scan: (objectName) => tables[objectName] ?? [],
    get: (recordId) => byId.get(recordId.slice(0, 15)),
  };
}

const QUERIES: Array<{ name: string; soql: string; target?: string }> = [
  {
    name: 'selective equality (Name = …)',
    soql: "SELECT Id, Name FROM Account WHERE Name = 'Acme 51234'",
    target: '<= 200 ms',
  },
  {
    name: 'selective LIKE prefix',
    soql: "SELECT Id, Name FROM Account WHERE Name LIKE 'Acme 5123%'",
    target: '<= 200 ms',
  },
  {
    name: 'selective numeric range',
    soql: 'SELECT Id, Name FROM Account WHERE NumberOfEmployees >= 998 AND AnnualRevenue < 100000',
    target: '<= 200 ms',
  },
  {
    name: 'selective date literal + IN',
    soql: "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:2 AND Industry IN ('Energy', 'Banking')",
    target: '<= 200 ms',
  },
  {
    name: 'Id IN (…) lookup',
    soql: `SELECT Id, Name FROM Account WHERE Id IN ('${id('001', 7)}', '${id('001', 99_999)}')`,
    target: '<= 200 ms',
  },
  { name: 'full scan SELECT Id, Name', soql: 'SELECT Id, Name FROM Account', target: '<= 500 ms' },
  {
    name: 'ORDER BY Name LIMIT 200',
    soql: 'SELECT Id, Name FROM Account ORDER BY Name DESC LIMIT 200',
    target: '<= 500 ms',
  },
  { name: 'COUNT() with filter', soql: "SELECT COUNT() FROM Account WHERE Industry = 'Energy'", target: '<= 200 ms' },
  {
    name: 'GROUP BY with SUM',
    soql: 'SELECT Industry, COUNT(Id), SUM(AnnualRevenue) FROM Account GROUP BY Industry',
    target: '<= 500 ms',
  },
  {
    name: 'parent-field filter, LIMIT 2000',
    soql: "SELECT Name, Owner.Name FROM Account WHERE Owner.Alias = 'aadmin' LIMIT 2000",
    target: '<= 200 ms',
  },
  {
    name: 'child subquery (5k parents, 20k children)',
    soql:
      'SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE NumberOfEmployees < 50 AND AnnualRevenue ' +
      '< 50000',
    target: '<= 500 ms',
  },
];

function time(fn: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function soqlBench(): Promise<BenchResult[]> {
  const data = buildData();
  const options = opts({ now: new Date('2024-12-31T12:00:00Z') });
  const results: BenchResult[] = [];
  const cold = performance.now();
  executeSoql(
    "SELECT Id, Name FROM Account WHERE Name = 'Acme 1' AND BillingCity != null ORDER BY Name LIMIT 5",
    schema,
    data,
    options,
  );
  results.push({ name: 'soql: first query incl. parse (cold)', value: round(performance.now() - cold), unit: 'ms' });
  for (const q of QUERIES) {
    executeSoql(q.soql, schema, data, options); // warm the parse cache and the JIT
    const ms = time(() => executeSoql(q.soql, schema, data, options), 7);
    results.push({
      name: `soql: ${q.name} over ${ACCOUNTS / 1000}k rows`,
      value: round(ms),
      unit: 'ms',
      target: q.target,
    });
  }
  // Distinct texts miss the parse cache every time: this is the grammar library's cost.
  let n = 0;
  const parse = time(() => {
    for (let i = 0; i < 100; i++)
      executeSoql(`SELECT Id FROM Account WHERE Id = '${id('001', n++)}'`, schema, data, options);
  }, 3);
  results.push({
    name: 'soql: 100 distinct Id lookups, uncached (parse + plan + run)',
    value: round(parse),
    unit: 'ms',
  });
  return results;
}

if (import.meta.main) {
  for (const r of await soqlBench())
    console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
}
