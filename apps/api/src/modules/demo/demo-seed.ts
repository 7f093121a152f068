import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../../runtime.ts';
import { newId } from '../../platform/ids.ts';
import { insertOrg } from '../orgs/orgs.repo.ts';
import { mintToken } from '../tokens/tokens.service.ts';
import { createUserIn } from '../users/users.service.ts';

export interface DemoCredentials {
  org_slug: string;
  email: string;
  password: string;
  api_token: string;
}

/**
 * First start of the embedded demo: an organization, its admin and an API token, so a newcomer can
 * make calls at once. The credentials are kept in DATA_DIR/demo.json (owner-only) and printed on
 * every start of the demo; delete the file and the "demo" org to start over.
 */
export async function ensureDemo(rt: Runtime): Promise<DemoCredentials> {
  const file = path.join(rt.config.dataDir, 'demo.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  const slug = 'demo';
  const existing = await rt.db.system
    .selectFrom('organizations')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (existing)
    throw new Error(`an organization "${slug}" exists but ${file} is missing; remove the org or restore the file`);
  const org = await insertOrg(rt.db.system, { id: newId(), name: 'Demo Agency', slug });
  const creds = {
    org_slug: slug,
    email: 'admin@demo-agency.example.com',
    password: `demo-${randomBytes(9).toString('base64url')}`,
  };
  const user = await createUserIn(rt.db, org.id, {
    email: creds.email,
    name: 'Demo Admin',
    password: creds.password,
    role: 'org_admin',
  });
  const token = await mintToken(rt.db, rt.clock.now(), {
    orgId: org.id,
    userId: user.id,
    clientId: null,
    label: 'demo',
    scopes: null,
    expiresInDays: null,
    createdBy: null,
  });
  const demo: DemoCredentials = { ...creds, api_token: token.token };
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return demo;
}
