// node:test reporter that writes one JSON line of totals at the end of the run.
// run-tests.ts reads it to print the `N passed, N failed, N skipped` line CI looks for.
export default async function* summaryReporter(source) {
  let totals = null;
  const counted = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    const data = event.data ?? {};
    if (event.type === 'test:summary' && data.file === undefined) {
      totals = data.counts;
    } else if ((event.type === 'test:pass' || event.type === 'test:fail') && data.details?.type !== 'suite') {
      if (data.skip || data.todo) counted.skipped++;
      else if (event.type === 'test:pass') counted.passed++;
      else counted.failed++;
    }
  }
  const result = totals
    ? { passed: totals.passed, failed: totals.failed + (totals.cancelled ?? 0), skipped: totals.skipped + totals.todo }
    : counted;
  yield `${JSON.stringify(result)}\n`;
}
