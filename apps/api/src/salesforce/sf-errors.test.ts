import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLimitInfo } from './limit-info.ts';
import { classify, firstError } from './sf-errors.ts';

test("errors are classified into transient, limit and terminal, keeping Salesforce's code and message", () => {
  const limit = classify(
    403,
    [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    null,
  );
  assert.equal(limit.kind, 'limit');
  assert.equal(limit.sfMessage, 'TotalRequests Limit exceeded.');
  assert.equal(classify(503, 'Service Unavailable', '7').kind, 'transient');
  assert.equal(classify(503, 'x', '7').retryAfterSeconds, 7);
  assert.equal(classify(500, [{ message: 'boom', errorCode: 'UNKNOWN_EXCEPTION' }], null).kind, 'transient');
  const bad = classify(400, [{ message: "No such column 'Nme'", errorCode: 'INVALID_FIELD' }], null);
  assert.deepEqual([bad.kind, bad.errorCode, bad.status], ['terminal', 'INVALID_FIELD', 400]);
  assert.deepEqual(firstError({ error: 'invalid_grant', error_description: 'expired access/refresh token' }), {
    errorCode: 'invalid_grant',
    message: 'expired access/refresh token',
  });
});

test('Sforce-Limit-Info is parsed', () => {
  assert.deepEqual(parseLimitInfo('api-usage=18/15000'), { used: 18, limit: 15000 });
  assert.deepEqual(parseLimitInfo('api-usage=25/5000; per-app-api-usage=17/250(appName=sample-app)'), {
    used: 25,
    limit: 5000,
  });
  assert.equal(parseLimitInfo(null), null);
  assert.equal(parseLimitInfo('garbage'), null);
});
