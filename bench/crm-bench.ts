import { startConnectedEngine } from './bench-engine.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * The engine's overhead on a CRM read: the same query sent straight to the emulator (raw Salesforce
 * call) and through query/soql and crm/search, interleaved, sequential, the emulator with 0 ms latency
 * in its own process. Overhead = median(engine) − median(raw).
 */
export async function crmBench(opts: { iterations: number }): Promise<string[]> {
  const engine = await startConnectedEngine({
    latencyMs: 0,
    clientOrgName: 'Client',
    seed: (emu, orgId) =>
      emu.control.insertRecords(
        orgId,
        'Account',
        Array.from({ length: 1000 }, (_, i) => ({ Name: `Acme ${i}`, NumberOfEmployees: i })),
      ),
  });
  const { call, token, clientId } = engine;
  const client = { id: clientId };
  try {
    await call('/api/topology/pull', { client_id: client.id, wait_seconds: 300 }, token);
    const { creds, apiVersion } = await engine.salesforce();

    const soql = "SELECT Id, Name, Owner.Name FROM Account WHERE Name = 'Acme 500' AND NumberOfEmployees >= 10";
    const raw = async () => {
      const q = `${creds.instanceUrl}/services/data/v${apiVersion}/query?q=${encodeURIComponent(soql)}`;
      const r = await fetch(q, { headers: { authorization: `Bearer ${creds.accessToken}` } });
      await r.json();
    };
    const viaSoql = () => call('/api/query/soql', { client_id: client.id, soql }, token);
    const viaSearch = () =>
      call(
        '/api/crm/search',
        {
          client_id: client.id,
          object_name: 'Account',
          fields: ['Id', 'Name', 'Owner.Name'],
          filters: [
            { field: 'Name', op: 'eq', value: 'Acme 500' },
            { field: 'NumberOfEmployees', op: 'gte', value: 10 },
          ],
        },
        token,
      );
    const times = { raw: [] as number[], soql: [] as number[], search: [] as number[] };
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    for (let i = 0; i < 30; i++) {
      await raw();
      await viaSoql();
      await viaSearch();
    }
    for (let i = 0; i < opts.iterations; i++) {
      times.raw.push(await time(raw));
      times.soql.push(await time(viaSoql));
      times.search.push(await time(viaSearch));
    }
    const r = median(times.raw);
    const s = median(times.soql);
    const c = median(times.search);
    return [
      `\nCRM reads: one selective Account query, ${opts.iterations} sequential calls each (emulator 0 ms latency, own process; PGlite)`,
      `raw Salesforce call (emulator /query):  median ${r.toFixed(2)} ms`,
      `query/soql through the engine:           median ${s.toFixed(2)} ms → overhead ${(s - r).toFixed(2)} ms (target ≤ 5)`,
      `crm/search through the engine:           median ${c.toFixed(2)} ms → overhead ${(c - r).toFixed(2)} ms (target ≤ 5)`,
    ];
  } finally {
    await engine.close();
  }
}
