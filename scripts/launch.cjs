#!/usr/bin/env node
// Runs a project entry point under Node >= 22.18 with dependencies installed.
// Plain CommonJS with no dependencies, so it works on whatever Node the machine ships:
// when the system Node is older, it installs the npm package node-<platform>-<arch>@24
// (the official binary, shipped inside the package) into .cache/node and re-executes there.
// When node_modules is missing or stale against package-lock.json, it runs `npm ci` first.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MIN = [22, 18];
const NODE_MAJOR = '24';
const CACHE = process.env.SFX_NODE_CACHE || path.join(ROOT, '.cache', 'node');
const STAMP = path.join(ROOT, 'node_modules', '.sfx-install-stamp');

function log(msg) {
  process.stderr.write(`[launch] ${msg}\n`);
}

function versionOk(v) {
  const [maj, min] = v.replace(/^v/, '').split('.').map(Number);
  return maj > MIN[0] || (maj === MIN[0] && min >= MIN[1]);
}

function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv) && fs.existsSync(fromEnv)) return fromEnv;
  const guess = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return fs.existsSync(guess) ? guess : null;
}

function runNpm(nodeBin, args) {
  const cli = npmCli();
  const [cmd, argv] = cli ? [nodeBin, [cli, ...args]] : ['npm', args];
  const res = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (res.status !== 0) {
    log(`npm ${args.join(' ')} failed (exit ${res.status})`);
    process.exit(res.status || 1);
  }
}

// A directory lock: mkdir is atomic, so concurrent launchers (npm start + npm test) install once.
function withLock(name, fn) {
  const dir = path.join(ROOT, '.cache', `${name}.lock`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60 * 1000) fs.rmSync(dir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function ensureNode() {
  if (versionOk(process.version)) return process.execPath;
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = path.join(CACHE, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const ok = () => fs.existsSync(bin) && versionOk(spawnSync(bin, ['-v'], { encoding: 'utf8' }).stdout || '');
  if (ok()) return bin;
  withLock('node', () => {
    if (ok()) return;
    log(
      `system Node ${process.version} is older than ${MIN.join('.')}; installing ${pkg}@${NODE_MAJOR} into ${path.relative(ROOT, CACHE)}`,
    );
    fs.mkdirSync(CACHE, { recursive: true });
    runNpm(process.execPath, [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      CACHE,
      `${pkg}@${NODE_MAJOR}`,
    ]);
  });
  if (!ok()) {
    log(`could not provision Node ${NODE_MAJOR} (${bin} missing or too old)`);
    process.exit(1);
  }
  return bin;
}

function manifestHash() {
  const h = crypto.createHash('sha256');
  const files = ['package-lock.json', 'package.json'];
  for (const group of ['apps', 'packages', 'tests']) {
    const dir = path.join(ROOT, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) files.push(path.join(group, name, 'package.json'));
  }
  for (const f of files) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest('hex');
}

function ensureDeps(nodeBin) {
  if (process.env.SFX_SKIP_INSTALL === '1') return;
  const want = manifestHash();
  const have = () => (fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '');
  if (have() === want) return;
  withLock('install', () => {
    if (have() === want) return;
    log('installing dependencies from package-lock.json (npm ci)');
    runNpm(nodeBin, ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    fs.writeFileSync(STAMP, `${want}\n`);
  });
}

function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    log('usage: node scripts/launch.cjs <node arguments…>');
    process.exit(2);
  }
  const nodeBin = ensureNode();
  ensureDeps(nodeBin);
  const child = spawn(nodeBin, args, {
    cwd: process.cwd(),
    stdio: 'inherit',
    env: { ...process.env, SFX_NODE: nodeBin },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

main();
