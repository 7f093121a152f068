import { createHash } from 'node:crypto';
import { AppError, Errors, isUniqueViolation } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import type { PushRecordError } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { JobPlatform } from '../../platform/jobs/job-platform.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { SalesforceAccess } from '../connections/salesforce-access.ts';
import { activeMapping, type MappingRow } from '../mappings/mappings.repo.ts';
import { coerceRecord } from './coerce.ts';
import { PUSH_RUN } from './push.jobs.ts';
import {
  findByIdempotencyKey,
  findPush,
  type InputRow,
  insertPush,
  insertRecords,
  listPushes,
  pageResults,
  type PushRow,
} from './push.repo.ts';
import { loadObjectSchema, type ObjectSchema } from './sobject-schema.ts';

type Value = string | number | boolean | null;

export function pushSummary(r: PushRow) {
  return {
    id: r.id,
    status: r.status as 'queued',
    operation: r.operation as 'upsert',
    object_type: r.object_type,
    transport: r.transport as 'collections',
    records_total: r.records_total,
    records_succeeded: r.records_succeeded,
    records_failed: r.records_failed,
    api_calls_used: r.api_calls_used,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    created_at: r.created_at.toISOString(),
    completed_at: r.completed_at?.toISOString() ?? null,
  };
}

/** Stable JSON (sorted keys) so the same body always hashes the same. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export interface PushRequest {
  client_id: string;
  operation: 'upsert' | 'update' | 'link';
  object_type?: string | undefined;
  external_id_field?: string | undefined;
  canonical_object?: string | null | undefined;
  mapping_version?: number | null | undefined;
  records: Array<Record<string, Value>>;
  idempotency_key?: string | undefined;
  wait_seconds?: number | undefined;
}

export interface StatusUpdateRequest {
  client_id: string;
  object_type: string;
  external_id_field: string;
  updates: Array<{ external_id: string; fields: Record<string, Value> }>;
  idempotency_key?: string | undefined;
  wait_seconds?: number | undefined;
}
export interface LinkRequest {
  client_id: string;
  links: Array<{
    child_object: string;
    child_external_id_field: string;
    child_external_id: string;
    relationship_field: string;
    parent_object: string;
    parent_external_id_field: string;
    parent_external_id: string;
  }>;
  idempotency_key?: string | undefined;
  wait_seconds?: number | undefined;
}

export function createPushService(d: {
  db: Database;
  jobs: JobPlatform;
  access: SalesforceAccess;
  clients: ClientsService;
  bulkThreshold: number;
}) {
  const { db } = d;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });

  async function waitAndRead(p: Principal, id: string, waitSeconds: number) {
    if (waitSeconds > 0) await d.jobs.waitFor(PUSH_RUN, id, waitSeconds * 1000);
    const row = await db.tenant(scope(p), (trx) => findPush(trx, p.orgId, id));
    return row!;
  }

  /** Idempotency first: the same key and body → the first push; the same key, another body → 409. */
  async function begin(
    p: Principal,
    clientId: string,
    body: object,
    key: string | undefined,
    waitSeconds: number | undefined,
  ): Promise<{ existing: PushRow } | { bodyHash: string; key: string | null; wait: number }> {
    const wait = waitSeconds ?? 30;
    const { wait_seconds: _w, ...hashed } = body as Record<string, unknown>;
    const bodyHash = createHash('sha256').update(stable(hashed)).digest('hex');
    if (key) {
      const prior = await db.tenant(scope(p), (trx) => findByIdempotencyKey(trx, p.orgId, clientId, key));
      if (prior) {
        if (prior.body_hash !== bodyHash)
          throw Errors.conflict('This idempotency_key was used with a different request body', { push_id: prior.id });
        return { existing: await waitAndRead(p, prior.id, wait) };
      }
    }
    return { bodyHash, key: key ?? null, wait };
  }

  async function connectedWithBudget(p: Principal, clientId: string) {
    const conn = await d.access.connected(p.orgId, clientId);
    try {
      d.access.budget.check(conn.id);
    } catch (err) {
      if (err instanceof SalesforceError)
        throw new AppError('salesforce_unavailable', err.sfMessage, {
          details: { error_code: err.errorCode },
          headers: { 'retry-after': String(Math.ceil(err.retryAfterSeconds ?? 3600)) },
        });
      throw err;
    }
    return conn;
  }

  async function objectAndExternalId(p: Principal, clientId: string, objectType: string, extField: string) {
    const loaded = await loadObjectSchema(db, p, clientId, objectType);
    if (!loaded) throw Errors.invalid('The client has no topology snapshot; run topology/pull first');
    const schema = loaded.object;
    if (!schema) throw Errors.invalid(`Object ${objectType} is not in the client's Salesforce org`);
    const ext = schema.field(extField);
    if (!ext || !(ext.externalId || ext.idLookup))
      throw Errors.invalid(`${extField} is not an External ID (or idLookup) field of ${schema.name}`);
    return { schema, ext };
  }

  /** The second and later rows with one external id fail: Salesforce would write one record twice. */
  function duplicates() {
    const seen = new Map<string, number>();
    return (object: string, field: string, value: string, seq: number): PushRecordError | null => {
      const k = `${object}\u0000${value.toLowerCase()}`;
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, seq);
        return null;
      }
      return {
        code: 'DUPLICATE_EXTERNAL_ID',
        message: `${field} ${value} appears more than once in this push (first at row ${first})`,
        fields: [field],
      };
    };
  }

  async function persist(
    p: Principal,
    start: { bodyHash: string; key: string | null; wait: number },
    rows: InputRow[],
    meta: {
      clientId: string;
      connectionId: string;
      operation: 'upsert' | 'update' | 'link';
      objectType: string;
      externalIdField: string;
      canonical: string | null;
      mappingId: string | null;
      mappingVersion: number | null;
    },
  ): Promise<PushRow> {
    const id = newId();
    try {
      await db.tenant(scope(p), async (trx) => {
        await insertPush(trx, {
          id,
          orgId: p.orgId,
          ...meta,
          // Above the threshold, upserts go by Bulk API 2.0 (a handful of calls for any volume).
          transport:
            meta.operation === 'upsert' && rows.filter((r) => !r.errors).length > d.bulkThreshold
              ? 'bulk'
              : 'collections',
          idempotencyKey: start.key,
          bodyHash: start.bodyHash,
          total: rows.length,
          requestedBy: p.userId,
        });
        await insertRecords(trx, p.orgId, id, rows);
      });
    } catch (err) {
      // Two requests with one key at once: the second gets the first one's push.
      if (start.key && isUniqueViolation(err, 'push_jobs_idempotency')) {
        const prior = await db.tenant(scope(p), (trx) => findByIdempotencyKey(trx, p.orgId, meta.clientId, start.key!));
        if (prior && prior.body_hash === start.bodyHash) return waitAndRead(p, prior.id, start.wait);
        throw Errors.conflict('This idempotency_key was used with a different request body');
      }
      throw err;
    }
    await d.jobs.send(PUSH_RUN, { org_id: p.orgId, push_id: id }, { id });
    return waitAndRead(p, id, start.wait);
  }

  return {
    async submit(p: Principal, b: PushRequest): Promise<PushRow> {
      await d.clients.requireActive(p, b.client_id);
      const start = await begin(p, b.client_id, b, b.idempotency_key, b.wait_seconds);
      if ('existing' in start) return start.existing;
      let mapping: MappingRow | null = null;
      if (b.canonical_object) {
        mapping =
          (await db.tenant(scope(p), (trx) => activeMapping(trx, p.orgId, b.client_id, b.canonical_object!))) ?? null;
        if (!mapping) throw Errors.notFound('Mapping');
        if (b.mapping_version != null && b.mapping_version !== mapping.mapping_version)
          throw Errors.conflict(
            `Mapping version mismatch — expected ${b.mapping_version}, current is ${mapping.mapping_version}. ` +
              'Re-fetch mapping before pushing.',
            { expected: b.mapping_version, current: mapping.mapping_version },
          );
      }
      const objectType = b.object_type || mapping?.sfdc_object;
      const extField = b.external_id_field || mapping?.external_id_field;
      if (!objectType) throw Errors.invalid('object_type is required');
      if (!extField) throw Errors.invalid('external_id_field is required');
      const conn = await connectedWithBudget(p, b.client_id);
      const { schema, ext } = await objectAndExternalId(p, b.client_id, objectType, extField);

      // Rename, coerce and check every record locally; the rejected ones never cost an API call.
      const dup = duplicates();
      const rows: InputRow[] = b.records.map((raw, seq) => {
        const renamed: Record<string, Value> = {};
        for (const [k, v] of Object.entries(raw)) renamed[mapping?.field_mappings[k] ?? k] = v;
        const extKey = Object.keys(renamed).find((k) => k.toLowerCase() === ext.name.toLowerCase());
        const extValue = extKey ? renamed[extKey] : undefined;
        const extId = extValue === undefined || extValue === null || extValue === '' ? null : String(extValue);
        const fail = (errors: PushRecordError[]) => ({ seq, externalId: extId, payload: raw, errors });
        if (extId === null)
          return fail([
            { code: 'MISSING_EXTERNAL_ID', message: `The record has no ${ext.name} value`, fields: [ext.name] },
          ]);
        const dupError = dup(schema.name, ext.name, extId, seq);
        if (dupError) return fail([dupError]);
        const c = coerceRecord(schema, renamed, 'upsert');
        if (!c.ok) return fail(c.errors);
        return { seq, externalId: extId, payload: c.record, errors: null };
      });
      return persist(p, start, rows, {
        clientId: b.client_id,
        connectionId: conn.id,
        operation: 'upsert',
        objectType: schema.name,
        externalIdField: ext.name,
        canonical: b.canonical_object ?? null,
        mappingId: mapping?.id ?? null,
        mappingVersion: mapping?.mapping_version ?? null,
      });
    },

    /** push/status-update: field values on existing records found by external id (never creates one). */
    async statusUpdate(p: Principal, b: StatusUpdateRequest): Promise<PushRow> {
      await d.clients.requireActive(p, b.client_id);
      const start = await begin(p, b.client_id, b, b.idempotency_key, b.wait_seconds);
      if ('existing' in start) return start.existing;
      const conn = await connectedWithBudget(p, b.client_id);
      const { schema, ext } = await objectAndExternalId(p, b.client_id, b.object_type, b.external_id_field);
      const dup = duplicates();
      const rows: InputRow[] = b.updates.map((u, seq) => {
        const fail = (errors: PushRecordError[]) => ({ seq, externalId: u.external_id, payload: u, errors });
        const dupError = dup(schema.name, ext.name, u.external_id, seq);
        if (dupError) return fail([dupError]);
        if (Object.keys(u.fields).length === 0)
          return fail([{ code: 'NO_FIELDS', message: 'The update sets no field', fields: [] }]);
        const c = coerceRecord(schema, u.fields, 'update');
        if (!c.ok) return fail(c.errors);
        const payload = { object: schema.name, externalIdField: ext.name, externalId: u.external_id, fields: c.record };
        return { seq, externalId: u.external_id, payload, errors: null };
      });
      return persist(p, start, rows, {
        clientId: b.client_id,
        connectionId: conn.id,
        operation: 'update',
        objectType: schema.name,
        externalIdField: ext.name,
        canonical: null,
        mappingId: null,
        mappingVersion: null,
      });
    },

    /**
     * push/link: sets each child's lookup to the parent found by its external id, in Salesforce's
     * relationship-by-external-id syntax ({"Account": {"Ext__c": "A-1"}}): no query per record.
     */
    async link(p: Principal, b: LinkRequest): Promise<PushRow> {
      await d.clients.requireActive(p, b.client_id);
      const start = await begin(p, b.client_id, b, b.idempotency_key, b.wait_seconds);
      if ('existing' in start) return start.existing;
      const conn = await connectedWithBudget(p, b.client_id);
      const schemas = new Map<string, ObjectSchema | null>();
      const schemaOf = async (name: string) => {
        const k = name.toLowerCase();
        if (!schemas.has(k)) {
          const loaded = await loadObjectSchema(db, p, b.client_id, name);
          if (!loaded) throw Errors.invalid('The client has no topology snapshot; run topology/pull first');
          schemas.set(k, loaded.object);
        }
        return schemas.get(k) ?? null;
      };
      const dup = duplicates();
      const rows: InputRow[] = [];
      for (const [seq, l] of b.links.entries()) {
        const fail = (code: string, message: string, fields: string[] = []) =>
          rows.push({ seq, externalId: l.child_external_id, payload: l, errors: [{ code, message, fields }] });
        const child = await schemaOf(l.child_object);
        const parent = await schemaOf(l.parent_object);
        if (!child) fail('INVALID_TYPE', `Object ${l.child_object} is not in the client's Salesforce org`);
        else if (!parent) fail('INVALID_TYPE', `Object ${l.parent_object} is not in the client's Salesforce org`);
        else {
          const cExt = child.field(l.child_external_id_field);
          const pExt = parent.field(l.parent_external_id_field);
          const rel = child.field(l.relationship_field);
          const dupError = dup(
            child.name,
            l.child_external_id_field,
            `${l.child_external_id}/${l.relationship_field}`,
            seq,
          );
          if (!cExt || !(cExt.externalId || cExt.idLookup))
            fail('INVALID_FIELD', `${l.child_external_id_field} is not an External ID field of ${child.name}`, [
              l.child_external_id_field,
            ]);
          else if (!pExt || !(pExt.externalId || pExt.idLookup))
            fail('INVALID_FIELD', `${l.parent_external_id_field} is not an External ID field of ${parent.name}`, [
              l.parent_external_id_field,
            ]);
          else if (
            rel?.type !== 'reference' ||
            !rel.relationshipName ||
            !rel.referenceTo.some((r) => r.toLowerCase() === parent.name.toLowerCase())
          )
            fail('INVALID_FIELD', `${l.relationship_field} on ${child.name} is not a lookup to ${parent.name}`, [
              l.relationship_field,
            ]);
          else if (!rel.updateable)
            fail('INVALID_FIELD_FOR_INSERT_UPDATE', `${rel.name} cannot be updated`, [rel.name]);
          else if (dupError) rows.push({ seq, externalId: l.child_external_id, payload: l, errors: [dupError] });
          else
            rows.push({
              seq,
              externalId: l.child_external_id,
              payload: {
                object: child.name,
                externalIdField: cExt.name,
                externalId: l.child_external_id,
                fields: {
                  [rel.relationshipName]: { attributes: { type: parent.name }, [pExt.name]: l.parent_external_id },
                },
              },
              errors: null,
            });
        }
      }
      const first = b.links[0]!;
      return persist(p, start, rows, {
        clientId: b.client_id,
        connectionId: conn.id,
        operation: 'link',
        objectType: (await schemaOf(first.child_object))?.name ?? first.child_object,
        externalIdField: first.child_external_id_field,
        canonical: null,
        mappingId: null,
        mappingVersion: null,
      });
    },

    async status(
      p: Principal,
      b: { id: string; cursor?: number | undefined; limit?: number | undefined; only_failed?: boolean | undefined },
    ) {
      const row = await db.tenant(scope(p), (trx) => findPush(trx, p.orgId, b.id));
      if (!row || (p.clientId && row.client_id !== p.clientId)) throw Errors.notFound('Push');
      const limit = b.limit ?? 200;
      const results = await db.tenant(scope(p), (trx) =>
        pageResults(trx, row.id, b.cursor ?? 0, limit, b.only_failed ?? false),
      );
      const page = results.slice(0, limit);
      return {
        ...pushSummary(row),
        client_id: row.client_id,
        results: page.map((r) => ({
          row: r.seq,
          external_id: r.external_id,
          status: r.status as 'pending',
          sf_id: r.sf_id,
          created: r.created,
          errors: r.errors ?? [],
        })),
        next_cursor: results.length > limit ? results[limit]!.seq : null,
      };
    },

    async history(p: Principal, clientId: string, limit: number) {
      await d.clients.get(p, clientId);
      return (await db.tenant(scope(p), (trx) => listPushes(trx, p.orgId, clientId, limit))).map(pushSummary);
    },

    async validate(p: Principal, b: { client_id: string; canonical_object: string; field_names: string[] }) {
      await d.clients.get(p, b.client_id);
      const m = await db.tenant(scope(p), (trx) => activeMapping(trx, p.orgId, b.client_id, b.canonical_object));
      if (!m)
        return {
          valid: false,
          mapping_version: null,
          sfdc_object: null,
          error: 'No active mapping found for this canonical object',
          fields: {},
        };
      const loaded = await loadObjectSchema(db, p, b.client_id, m.sfdc_object);
      const fields: Record<string, 'mapped' | 'mapped_unverified' | 'unmapped'> = {};
      const missing: string[] = [];
      for (const name of b.field_names) {
        const target = m.field_mappings[name];
        if (!target) fields[name] = 'unmapped';
        else if (loaded?.object?.field(target)) fields[name] = 'mapped';
        else {
          fields[name] = 'mapped_unverified';
          if (loaded?.object) missing.push(`${name} → ${target}`);
        }
      }
      const valid = Object.values(fields).every((s) => s !== 'unmapped');
      return {
        valid,
        mapping_version: m.mapping_version,
        sfdc_object: m.sfdc_object,
        error: missing.length
          ? `Mapped fields missing from the latest topology snapshot: ${missing.join(', ')}`
          : loaded?.object
            ? null
            : `${m.sfdc_object} is not in the latest topology snapshot`,
        fields,
      };
    },
  };
}
export type PushService = ReturnType<typeof createPushService>;
