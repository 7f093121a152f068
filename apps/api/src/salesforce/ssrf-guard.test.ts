import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateAddress, SsrfGuard } from './ssrf-guard.ts';

test('only https Salesforce domains pass, unless the host is explicitly allowed', () => {
  const g = new SsrfGuard(['127.0.0.1:4010']);
  assert.equal(g.check('https://acme.my.salesforce.com/services/data').host, 'acme.my.salesforce.com');
  g.check('https://login.salesforce.com');
  g.check('https://test.salesforce.com');
  g.check('https://acme--dev.sandbox.my.salesforce.com');
  g.check('http://127.0.0.1:4010/services/oauth2/token');
  for (const bad of [
    'http://acme.my.salesforce.com',
    'https://evil.example.com',
    'https://salesforce.com.evil.io',
    'https://127.0.0.1:4011',
    'https://10.0.0.5',
    'https://[::1]/x',
    'http://169.254.169.254/latest/meta-data',
    'https://user:pw@acme.my.salesforce.com',
    'file:///etc/passwd',
    'not a url',
  ]) {
    assert.throws(() => g.check(bad), /./, bad);
  }
});

test('private, loopback, link-local and mapped addresses are recognised', () => {
  for (const ip of [
    '10.1.2.3',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['13.110.0.1', '85.222.128.1', '2606:4700::1']) assert.equal(isPrivateAddress(ip), false, ip);
});
