import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import { newSalesforceOrg, startSalesforce } from '../../../test/helpers/salesforce.ts';
import { startTestApp, TestClock } from '../../../test/helpers/test-app.ts';

test('an authorize_url is only good until it expires', async () => {
  const sf = await startSalesforce();
  const clock = new TestClock();
  const t = await startTestApp({ env: { ...sf.env, OAUTH_STATE_TTL_SECONDS: '600' }, clock });
  try {
    const a = await createTenant(t);
    const org = await newSalesforceOrg(sf);
    const created = await post(t, '/api/connections/create', { client_id: a.clientId }, a.adminToken);
    assert.equal(Date.parse(created.body.expires_at) - clock.now().getTime(), 600_000);
    await sf.emu.control.setAutoApprove(org.username);
    const auth = await fetch(created.body.authorize_url, { redirect: 'manual' });
    const back = new URL(auth.headers.get('location')!);
    clock.advance(601_000);
    const cb = await t.app.inject({ url: `${back.pathname}${back.search}` });
    assert.match(String(cb.headers.location), /outcome=expired/);
    const page = await t.app.inject({ url: '/api/connections/oauth/result?outcome=expired' });
    assert.match(page.body, /This link has expired/);
    const list = await post(t, '/api/connections/list', { client_id: a.clientId }, a.adminToken);
    assert.equal(list.body.data[0].status, 'pending');
  } finally {
    await t.close();
    await sf.close();
  }
});
