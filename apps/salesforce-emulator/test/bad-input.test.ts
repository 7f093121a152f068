// Bad input of every kind gets Salesforce's status and error body, never a crash or a hang.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../src/index.ts';
import { call, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

const raw = (method: string, path: string, body: string | undefined, type = 'application/json') =>
  call(emu, method, path, { token: org.token, raw: body, headers: body === undefined ? {} : { 'Content-Type': type } });

describe('bad bodies', () => {
  it('reports malformed JSON like Salesforce (Jackson messages with line and column)', async () => {
    const res = await raw('POST', `${D}/sobjects/Account`, '{"Name" "x"}');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, [
      {
        message:
          `Unexpected character ('"' (code 34)): was expecting a colon to separate field name and value at ` +
          `[line:1, column:9]`,
        errorCode: 'JSON_PARSER_ERROR',
      },
    ]);
    const unquoted = await raw('POST', `${D}/sobjects/Account`, '{\n  Name: "x"}');
    assert.equal(
      unquoted.body[0].message,
      `Unexpected character ('N' (code 78)): was expecting double-quote to start field name at [line:2, column:3]`,
    );
    const truncated = await raw('POST', `${D}/sobjects/Account`, '{"Name": "x"');
    assert.match(truncated.body[0].message, /^Unexpected end-of-input: expected close marker for OBJECT/);
  });

  it('requires a body where one is expected', async () => {
    const res = await raw('POST', `${D}/sobjects/Account`, undefined);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, [
      {
        message: 'The HTTP entity body is required, but this request has no entity body.',
        errorCode: 'JSON_PARSER_ERROR',
      },
    ]);
  });

  it('refuses a record body that is not an object', async () => {
    const res = await raw('POST', `${D}/sobjects/Account`, '[{"Name":"x"}]');
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'JSON_PARSER_ERROR');
  });

  it('answers 415 to content types it does not read', async () => {
    const res = await raw('POST', `${D}/sobjects/Account`, 'Name=x', 'application/x-www-form-urlencoded');
    assert.equal(res.status, 415);
    assert.deepEqual(res.body, [
      {
        message: "MediaType of 'application/x-www-form-urlencoded' is not supported by this resource",
        errorCode: 'UNSUPPORTED_MEDIA_TYPE',
      },
    ]);
  });

  it('survives absurdly deep JSON', async () => {
    const res = await raw('POST', `${D}/sobjects/Account`, '['.repeat(200_000));
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'JSON_PARSER_ERROR');
  });

  it('refuses oversized bodies with 413', async () => {
    const small = await startEmulator({ port: 0, maxBodyBytes: 1024 });
    try {
      const res = await fetch(`${small.url}${D}/sobjects/Account`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Name: 'x'.repeat(5000) }),
      });
      assert.equal(res.status, 413);
    } finally {
      await small.close();
    }
  });
});

describe('bad requests', () => {
  it('answers 401 INVALID_SESSION_ID without or with a bad token', async () => {
    const variants: Array<Record<string, string>> = [
      {},
      { Authorization: 'Bearer 00Dxx0000001gPL!AQ4AQbogus' },
      { Authorization: 'Basic abc' },
    ];
    for (const headers of variants) {
      const res = await call(emu, 'GET', `${D}/limits`, { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
  });

  it('answers 404 NOT_FOUND for unsupported API versions and unknown resources', async () => {
    for (const path of [
      '/services/data/v30.0/limits',
      '/services/data/v99.0/limits',
      '/services/data/latest/limits',
      `${D}/nope`,
      `${D}/sobjects/Account/a/b/c`,
      '/services/data/v62.0/sobjects/%E0%A4%A',
    ]) {
      const res = await call(emu, 'GET', path, { token: org.token });
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }], path);
    }
  });

  it('answers 405 for a method the resource does not support', async () => {
    const res = await call(emu, 'PUT', `${D}/sobjects`, { token: org.token, body: {} });
    assert.equal(res.status, 405);
    assert.deepEqual(res.body, [
      { message: "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD", errorCode: 'METHOD_NOT_ALLOWED' },
    ]);
  });

  it('lists versions 31.0 to 68.0 without authentication', async () => {
    const res = await call(emu, 'GET', '/services/data');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body[0], { label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    assert.deepEqual(
      res.body.find((v: any) => v.version === '62.0'),
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
    );
    assert.equal(res.body.at(-1).version, '68.0');
  });

  it('treats composite bodies that are not composite requests as bad requests', async () => {
    for (const body of [
      {},
      { compositeRequest: 'x' },
      { compositeRequest: [{ method: 'GET', url: '/elsewhere', referenceId: 'a' }] },
      { compositeRequest: [{ method: 'GET', url: `${D}/limits`, referenceId: 'bad-id!' }] },
    ]) {
      const res = await call(emu, 'POST', `${D}/composite`, { token: org.token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(Array.isArray(res.body) && res.body[0].errorCode, JSON.stringify(res.body));
    }
  });

  it('keeps serving after all of the above', async () => {
    assert.equal((await call(emu, 'GET', `${D}/sobjects/Account/describe`, { token: org.token })).status, 200);
  });
});
