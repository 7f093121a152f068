// The emulator process the benchmark measures (a separate process, so its RSS is its own).
import { startEmulator } from '../src/index.ts';

const emu = await startEmulator({ port: 0, seed: 'demo' });
process.stdout.write(`${JSON.stringify({ url: emu.url, controlToken: emu.controlToken, demo: emu.demo })}\n`);
process.on('SIGTERM', () => void emu.close().then(() => process.exit(0)));
