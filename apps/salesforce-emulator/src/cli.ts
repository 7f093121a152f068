// npm run emulator -- [--port 4010] [--host 127.0.0.1] [--seed demo|none] [--state-file path]
//                     [--latency 50[:20]] [--control-token token]
// Starts the emulator standalone and prints its URL, control token and demo credentials.
import { parseArgs } from 'node:util';
import { startEmulator } from './start-emulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'demo' },
    'state-file': { type: 'string' },
    latency: { type: 'string' },
    'control-token': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run emulator -- [--port 4010] [--host 127.0.0.1] [--seed demo|none] [--state-file path] [--latency ' +
      'fixedMs[:jitterMs]] [--control-token token]',
  );
  process.exit(0);
}

const [fixed, jitter] = (values.latency ?? '').split(':').map((v) => Number(v || 0));
const seed = values.seed === 'none' ? 'none' : 'demo';
const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  seed,
  stateFile: values['state-file'],
  latency: values.latency ? { fixedMs: fixed, jitterMs: jitter } : undefined,
  controlToken: values['control-token'],
});

console.log(`Salesforce emulator listening on ${emulator.url}`);
console.log(`  login & instance URL: ${emulator.url}`);
console.log(`  control plane:        ${emulator.url}/__emulator (Authorization: Bearer ${emulator.controlToken})`);
if (emulator.demo) {
  console.log('  demo org:');
  console.log(`    org id:         ${emulator.demo.orgId}`);
  console.log(`    username:       ${emulator.demo.username}`);
  console.log(`    password:       ${emulator.demo.password}`);
  console.log(`    client id:      ${emulator.demo.clientId}`);
  console.log(`    client secret:  ${emulator.demo.clientSecret}`);
  console.log(`    callback URLs:  ${emulator.demo.callbackUrls.join(', ')}`);
}
if (values['state-file']) console.log(`  state file:           ${values['state-file']}`);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
