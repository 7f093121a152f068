// Runs the node:test suites and prints a final `N passed, N failed, N skipped` line.
// Usage: run-tests.ts [--db] [paths or globs…]
//   --db   only the database suite (*.int.test.ts), e.g. with DATABASE_URL set for PostgreSQL.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dbOnly = args.includes('--db');
const explicit = args.filter((a) => !a.startsWith('--'));

const allTests = [
  'packages/*/src/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'tests/**/*.test.ts',
];
const dbTests = ['apps/api/src/**/*.int.test.ts', 'apps/api/test/**/*.int.test.ts'];
const patterns = explicit.length > 0 ? explicit : dbOnly ? dbTests : allTests;

const dir = mkdtempSync(path.join(tmpdir(), 'sfx-tests-'));
const summaryFile = path.join(dir, 'summary.json');
const concurrency = process.env.TEST_CONCURRENCY ?? String(Math.max(2, availableParallelism()));

const child = spawn(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts/test-summary-reporter.mjs')}`,
    `--test-reporter-destination=${summaryFile}`,
    ...patterns,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'test' } },
);

child.on('exit', (code) => {
  let summary = { passed: 0, failed: 0, skipped: 0 };
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    // The runner died before reporting; count that as a failure below.
  }
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0 && summary.failed === 0) summary.failed = 1;
  console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  process.exit(summary.failed > 0 ? 1 : 0);
});
