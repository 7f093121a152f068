// Deploy benchmark: a 50-object package (10 fields each) through the SOAP Metadata API, timed in
// emulator time from deploy() to a completed checkDeployStatus (createdDate → completedDate) and
// wall-clock. Target: ≤ 3 s. Run by bench/run.ts, or alone: node ../../scripts/launch.cjs bench/deploy-bench.ts
import { Connection } from '@jsforce/jsforce-node';
import { strToU8, zipSync } from 'fflate';
import { startEmulator } from '../src/index.ts';

export async function deployBench(): Promise<{ name: string; value: string; target: string; ok: boolean }> {
  const emu = await startEmulator({ port: 0, seed: 'none' });
  try {
    const org = await emu.control.createOrg({
      name: 'Deploy bench',
      admin: { username: `bench-${Date.now()}@deploy.example.com`, password: 'bench-password-1' },
    });
    const app = await emu.control.createConnectedApp(org.id, { callbackUrls: ['http://localhost/cb'] });
    const tok = await fetch(`${emu.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        username: org.admin!.username,
        password: 'bench-password-1',
      }),
    });
    const conn = new Connection({
      instanceUrl: emu.url,
      accessToken: ((await tok.json()) as { access_token: string }).access_token,
      version: '62.0',
    });
    conn.metadata.pollInterval = 20;
    conn.metadata.pollTimeout = 60000;
    const files: Record<string, Uint8Array> = {};
    const names: string[] = [];
    for (let i = 0; i < 50; i++) {
      const name = `Bench_${i}__c`;
      names.push(name);
      const fields = Array.from(
        { length: 10 },
        (_, j) =>
          `<fields><fullName>F${j}__c</fullName><label>F${j}</label><type>${j % 2 ? 'Number' : 'Text'}</type>${j % 2 ? '<precision>18</precision><scale>2</scale>' : '<length>100</length>'}</fields>`,
      ).join('');
      files[`objects/${name}.object`] = strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><CustomObject ` +
          `xmlns="http://soap.sforce.com/2006/04/metadata"><label>Bench ${i}</label><pluralLabel>Bench ${i}s</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel>${fields}</CustomObject>`,
      );
    }
    files['package.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types>${names.map((n) => `<members>${n}</members>`).join('')}<name>CustomObject</name></types><version>62.0</version></Package>`,
    );
    const started = performance.now();
    const result = await conn.metadata
      .deploy(Buffer.from(zipSync(files)), { singlePackage: true, rollbackOnError: true })
      .complete(true);
    const wallMs = performance.now() - started;
    const emuMs = Date.parse(result.completedDate!) - Date.parse(result.createdDate);
    const ok = result.status === 'Succeeded' && result.numberComponentsDeployed === 550 && emuMs <= 3000;
    return {
      name: 'Deploy 50 objects × 10 fields (SOAP)',
      value:
        `${emuMs} ms emulator time, ${wallMs.toFixed(0)} ms wall (status ${result.status}, ` +
        `${result.numberComponentsDeployed} components)`,
      target: '<= 3,000 ms',
      ok,
    };
  } finally {
    await emu.close();
  }
}

if (import.meta.main) {
  const r = await deployBench();
  console.log(`${r.ok ? 'PASS' : 'MISS'}  ${r.name}  ${r.value}  (target ${r.target})`);
  process.exitCode = r.ok ? 0 : 1;
}
