import { Errors } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { SalesforceClient } from '../../salesforce/sf-client.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { SalesforceAccess } from '../connections/salesforce-access.ts';
import { NameResolver } from './name-resolver.ts';
import { loadCatalog } from './org-catalog.ts';
import { deleteExpired, findCursor, saveCursor } from './query-cursors.repo.ts';
import { checkQuery, parseSelect } from './soql-check.ts';
import { type FilterInput, selectList, soql, whereClause } from './soql-builder.ts';
import { quoted } from './soql-literals.ts';

export interface QueryPage {
  total_size: number;
  done: boolean;
  records: Record<string, unknown>[];
  next_records_path: string | null;
}
interface SfQueryResult {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
  nextRecordsUrl?: string;
}

const LOCATOR_PATH = /^\/services\/data\/v\d{2,3}\.\d\/query\/[A-Za-z0-9]{1,40}-\d{1,9}$/;
/** 300 quoted 18-character ids keep a query GET well under Salesforce's 16,384-byte URI limit. */
const ID_CHUNK = 300;
const CONTACT_ROLE_FIELDS = ['Id', 'ContactId', 'OpportunityId', 'Role', 'IsPrimary'];
const CAMPAIGN_MEMBER_FIELDS = ['Id', 'ContactId', 'LeadId', 'CampaignId', 'Status', 'FirstRespondedDate'];
const LEAD_CONVERSION_FIELDS = [
  'Id',
  'ConvertedContactId',
  'ConvertedAccountId',
  'ConvertedOpportunityId',
  'ConvertedDate',
  'Name',
  'Email',
];

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export function createCrmService(d: { db: Database; access: SalesforceAccess; clients: ClientsService; clock: Clock }) {
  const { db } = d;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });

  /** The client (404 when not the caller's), its Salesforce client and the names it may query. */
  async function open(p: Principal, clientId: string) {
    await d.clients.get(p, clientId);
    const run = <T>(fn: (trx: Tx) => Promise<T>) => db.tenant(scope(p), fn);
    const [conn, catalog] = await Promise.all([
      d.access.connected(p.orgId, clientId),
      loadCatalog(run, p.orgId, clientId),
    ]);
    return { sf: d.access.client(conn), names: new NameResolver(catalog) };
  }

  async function fetchPage(sf: SalesforceClient, pathOrSoql: { path?: string; soql?: string }): Promise<SfQueryResult> {
    const path = pathOrSoql.path ?? sf.dataPath(`/query?q=${encodeURIComponent(pathOrSoql.soql!)}`);
    const res = await sf.getJson<SfQueryResult>(path, { 'Sforce-Query-Options': 'batchSize=2000' });
    return res.body;
  }

  /**
   * One page: the first query's first page, then (when it is complete) the next queries of a chunked
   * read, until Salesforce hands out a locator or nothing is left. A locator is recorded for this
   * client with what remains, so query/more reaches every record and nobody else's.
   */
  async function page(
    p: Principal,
    clientId: string,
    sf: SalesforceClient,
    first: { path?: string; soql?: string },
    pending: string[],
    totalBefore: number,
  ): Promise<QueryPage> {
    const records: Record<string, unknown>[] = [];
    let total = totalBefore;
    let next: { path?: string; soql?: string } | undefined = first;
    const queue = [...pending];
    while (next) {
      const r = await fetchPage(sf, next);
      records.push(...r.records);
      if (next.soql !== undefined) total += r.totalSize;
      if (r.nextRecordsUrl) {
        const now = d.clock.now();
        await db.tenant(scope(p), async (trx) => {
          await saveCursor(trx, {
            orgId: p.orgId,
            clientId,
            path: r.nextRecordsUrl!,
            pending: queue,
            totalSize: total,
            now,
          });
          if (Math.random() < 0.05) await deleteExpired(trx, p.orgId, now);
        });
        return { total_size: total, done: false, records, next_records_path: r.nextRecordsUrl };
      }
      const q = queue.shift();
      next = q === undefined ? undefined : { soql: q };
    }
    return { total_size: total, done: true, records, next_records_path: null };
  }

  async function search(
    p: Principal,
    b: {
      client_id: string;
      object_name: string;
      fields?: string[] | undefined;
      filters?: FilterInput[] | undefined;
      order_by?: Array<{ field: string; direction?: 'asc' | 'desc' | undefined }> | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
    },
    extraWhere: string[] = [],
  ): Promise<QueryPage> {
    const { sf, names } = await open(p, b.client_id);
    const from = names.object(b.object_name);
    const orderBy: string[] = [];
    for (const o of b.order_by ?? [])
      orderBy.push(`${(await names.field(from, o.field)).path} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`);
    const q = soql({
      select: await selectList(names, from, b.fields ?? ['Id', 'Name']),
      from,
      where: [...(await whereClause(names, from, b.filters ?? [])), ...extraWhere],
      orderBy,
      limit: b.limit,
      offset: b.offset,
    });
    return page(p, b.client_id, sf, { soql: q }, [], 0);
  }

  /** `SELECT fields FROM object WHERE key IN (ids)`, 300 ids per query, every page of every chunk reachable. */
  async function byIds(p: Principal, clientId: string, object: string, fields: string[], key: string, ids: string[]) {
    const { sf, names } = await open(p, clientId);
    const from = names.object(object);
    const select = await selectList(names, from, fields);
    const keyPath = (await names.field(from, key)).path;
    const queries = chunks([...new Set(ids)], ID_CHUNK).map((c) =>
      soql({ select, from, where: [`${keyPath} IN (${c.map((id) => quoted(id)).join(', ')})`] }),
    );
    return page(p, clientId, sf, { soql: queries[0]! }, queries.slice(1), 0);
  }

  return {
    async soql(p: Principal, b: { client_id: string; soql: string }): Promise<QueryPage> {
      const ast = parseSelect(b.soql);
      const { sf, names } = await open(p, b.client_id);
      await checkQuery(ast, names);
      return page(p, b.client_id, sf, { soql: b.soql }, [], 0);
    },

    async more(p: Principal, b: { client_id: string; next_records_path: string }): Promise<QueryPage> {
      if (!LOCATOR_PATH.test(b.next_records_path))
        throw Errors.invalid('next_records_path must be a path that query/soql or crm/* returned');
      await d.clients.get(p, b.client_id);
      const cursor = await db.tenant(scope(p), (trx) =>
        findCursor(trx, p.orgId, b.client_id, b.next_records_path, d.clock.now()),
      );
      if (!cursor) throw Errors.notFound('Query cursor');
      const { sf } = await open(p, b.client_id);
      return page(p, b.client_id, sf, { path: cursor.path }, cursor.pending, cursor.total_size);
    },

    search: (p: Principal, b: Parameters<typeof search>[1]) => search(p, b),

    async count(p: Principal, b: { client_id: string; object_name: string; filters?: FilterInput[] | undefined }) {
      const { sf, names } = await open(p, b.client_id);
      const from = names.object(b.object_name);
      const q = soql({ select: 'COUNT()', from, where: await whereClause(names, from, b.filters ?? []) });
      return { count: (await fetchPage(sf, { soql: q })).totalSize };
    },

    async get(p: Principal, b: { client_id: string; object_name: string; id: string; fields?: string[] | undefined }) {
      const { sf, names } = await open(p, b.client_id);
      const object = names.object(b.object_name);
      // A row retrieve takes only the object's own fields (Salesforce refuses relationship paths there).
      if (b.fields?.some((f) => f.includes('.')))
        throw Errors.invalid("crm/get takes the object's own fields; use crm/search for relationship paths");
      const fields = b.fields
        ? `?fields=${encodeURIComponent((await selectList(names, object, b.fields)).replaceAll(', ', ','))}`
        : '';
      try {
        const res = await sf.getJson<Record<string, unknown>>(sf.dataPath(`/sobjects/${object}/${b.id}${fields}`));
        return { record: res.body };
      } catch (err) {
        if (err instanceof SalesforceError && err.status === 404 && err.errorCode === 'NOT_FOUND')
          throw Errors.notFound('Record');
        throw err;
      }
    },

    associations: (
      p: Principal,
      b: {
        client_id: string;
        source_object: 'Contact' | 'Opportunity';
        source_ids: string[];
        related_object: string;
        related_fields: string[];
      },
    ) => byIds(p, b.client_id, b.related_object, b.related_fields, `${b.source_object}Id`, b.source_ids),

    contactRoles: (p: Principal, b: { client_id: string; opportunity_ids: string[] }) =>
      byIds(p, b.client_id, 'OpportunityContactRole', CONTACT_ROLE_FIELDS, 'OpportunityId', b.opportunity_ids),

    campaignMembers: (p: Principal, b: { client_id: string; campaign_id: string; fields?: string[] | undefined }) =>
      search(p, {
        client_id: b.client_id,
        object_name: 'CampaignMember',
        fields: b.fields ?? CAMPAIGN_MEMBER_FIELDS,
        filters: [{ field: 'CampaignId', op: 'eq', value: b.campaign_id, type: 'string' }],
      }),

    leadConversions: (
      p: Principal,
      b: { client_id: string; filters?: FilterInput[] | undefined; fields?: string[] | undefined },
    ) =>
      search(
        p,
        { client_id: b.client_id, object_name: 'Lead', fields: b.fields ?? LEAD_CONVERSION_FIELDS, filters: b.filters },
        ['IsConverted = TRUE'],
      ),

    async pipelines(
      p: Principal,
      b: { client_id: string; object_name?: string | undefined; field_name?: string | undefined },
    ) {
      const { sf, names } = await open(p, b.client_id);
      const object = names.object(b.object_name ?? 'Opportunity');
      const fieldName = b.field_name ?? 'StageName';
      const res = await sf.getJson<{ fields?: Array<{ name: string; picklistValues?: Record<string, unknown>[] }> }>(
        sf.dataPath(`/sobjects/${object}/describe`),
      );
      const field = res.body.fields?.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
      if (!field) throw Errors.notFound(`Field ${fieldName} on ${object}`);
      return { object_name: object, field_name: field.name, stages: field.picklistValues ?? [] };
    },
  };
}
export type CrmService = ReturnType<typeof createCrmService>;
