import { AppError, Errors, isUniqueViolation } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import { loadObjectSchema } from '../push/sobject-schema.ts';
import { activeMapping, insertMapping, listMappings, type MappingRow, updateMapping } from './mappings.repo.ts';

export function mappingView(m: MappingRow, checks?: FieldCheck[]) {
  return {
    id: m.id,
    client_id: m.client_id,
    canonical_object: m.canonical_object,
    sfdc_object: m.sfdc_object,
    field_mappings: m.field_mappings,
    external_id_field: m.external_id_field,
    mapping_version: m.mapping_version,
    is_active: m.is_active,
    created_at: m.created_at.toISOString(),
    updated_at: m.updated_at.toISOString(),
    ...(checks ? { checks } : {}),
  };
}

export interface FieldCheck {
  canonical: string;
  sfdc_field: string;
  status: 'ok' | 'type_warning';
  sfdc_type: string;
  note: string | null;
}

const NOTE: Record<string, string> = {
  reference: 'a lookup: values must be Salesforce ids (or use push/link with external ids)',
  multipicklist: 'values are joined with ";"',
  base64: 'binary content cannot be pushed',
  address: 'a compound field: map its components instead',
  location: 'a compound field: map its components instead',
};

/**
 * Checks a mapping against the client's latest topology snapshot: the object and every target field
 * exist and are writable, and the external id field is an external id (or idLookup). Problems are a
 * 400 listing every one of them; type notes come back as checks.
 */
async function verify(
  db: Database,
  p: Principal,
  clientId: string,
  sfdcObject: string,
  fields: Record<string, string>,
  externalIdField: string | null,
): Promise<{ object: string; fields: Record<string, string>; ext: string | null; checks: FieldCheck[] }> {
  const loaded = await loadObjectSchema(db, p, clientId, sfdcObject);
  if (!loaded)
    throw Errors.invalid('The client has no topology snapshot; run topology/pull first so the mapping can be checked');
  const schema = loaded.object;
  if (!schema)
    throw Errors.invalid(`Object ${sfdcObject} is not in the client's Salesforce org`, { sfdc_object: sfdcObject });
  const problems: Array<{ field: string; problem: string }> = [];
  const checks: FieldCheck[] = [];
  const canonicalFields: Record<string, string> = {};
  for (const [canonical, target] of Object.entries(fields)) {
    const f = schema.field(target);
    if (!f) {
      problems.push({ field: target, problem: `no field ${target} on ${schema.name}` });
      continue;
    }
    if (!f.createable && !f.updateable) {
      problems.push({ field: f.name, problem: `${f.name} is read-only (neither createable nor updateable)` });
      continue;
    }
    canonicalFields[canonical] = f.name;
    const note = NOTE[f.type] ?? (!f.updateable ? 'createable only: ignored on update' : null);
    checks.push({ canonical, sfdc_field: f.name, status: note ? 'type_warning' : 'ok', sfdc_type: f.type, note });
  }
  let ext: string | null = null;
  if (externalIdField) {
    const f = schema.field(externalIdField);
    if (!f) problems.push({ field: externalIdField, problem: `no field ${externalIdField} on ${schema.name}` });
    else if (!f.externalId && !f.idLookup)
      problems.push({ field: f.name, problem: `${f.name} is not an External ID (nor idLookup) field` });
    else ext = f.name;
  }
  if (problems.length)
    throw new AppError('invalid_request', `The mapping does not fit ${schema.name}: ${problems[0]!.problem}`, {
      details: { problems, topology_version: loaded.version },
    });
  return { object: schema.name, fields: canonicalFields, ext, checks };
}

export function createMappingsService(d: { db: Database; clients: ClientsService }) {
  const { db } = d;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });
  async function getOr404(p: Principal, clientId: string, canonical: string) {
    await d.clients.get(p, clientId);
    const m = await db.tenant(scope(p), (trx) => activeMapping(trx, p.orgId, clientId, canonical));
    if (!m) throw Errors.notFound('Mapping');
    return m;
  }
  return {
    getOr404,
    async create(
      p: Principal,
      b: {
        client_id: string;
        canonical_object: string;
        sfdc_object: string;
        field_mappings: Record<string, string>;
        external_id_field?: string | null | undefined;
      },
    ) {
      await d.clients.requireActive(p, b.client_id);
      const v = await verify(db, p, b.client_id, b.sfdc_object, b.field_mappings, b.external_id_field ?? null);
      try {
        const row = await db.tenant(scope(p), (trx) =>
          insertMapping(trx, {
            id: newId(),
            orgId: p.orgId,
            clientId: b.client_id,
            canonical: b.canonical_object,
            sfdcObject: v.object,
            fields: v.fields,
            externalIdField: v.ext,
            createdBy: p.userId,
          }),
        );
        return mappingView(row, v.checks);
      } catch (err) {
        if (isUniqueViolation(err, 'field_mappings_one_active'))
          throw Errors.conflict('Mapping already exists for this client and canonical object');
        throw err;
      }
    },
    get: async (p: Principal, clientId: string, canonical: string) =>
      mappingView(await getOr404(p, clientId, canonical)),
    async list(p: Principal, clientId: string) {
      await d.clients.get(p, clientId);
      return (await db.tenant(scope(p), (trx) => listMappings(trx, p.orgId, clientId))).map((m) => mappingView(m));
    },
    async update(
      p: Principal,
      b: {
        client_id: string;
        canonical_object: string;
        sfdc_object?: string | undefined;
        field_mappings?: Record<string, string> | undefined;
        external_id_field?: string | null | undefined;
      },
    ) {
      if (b.sfdc_object === undefined && b.field_mappings === undefined && b.external_id_field === undefined)
        throw Errors.invalid('No fields provided for update');
      const cur = await getOr404(p, b.client_id, b.canonical_object);
      const ext = b.external_id_field === undefined ? cur.external_id_field : b.external_id_field;
      const v = await verify(
        db,
        p,
        b.client_id,
        b.sfdc_object ?? cur.sfdc_object,
        b.field_mappings ?? cur.field_mappings,
        ext,
      );
      const row = await db.tenant(scope(p), (trx) =>
        updateMapping(trx, p.orgId, cur.id, cur.mapping_version, {
          sfdc_object: v.object,
          field_mappings: JSON.stringify(v.fields),
          external_id_field: v.ext,
        }),
      );
      if (!row) throw Errors.conflict('The mapping changed while it was being updated; re-fetch it and retry');
      return mappingView(row, v.checks);
    },
    async deactivate(p: Principal, clientId: string, canonical: string) {
      const cur = await getOr404(p, clientId, canonical);
      const row = await db.tenant(scope(p), (trx) =>
        updateMapping(trx, p.orgId, cur.id, cur.mapping_version, { is_active: false }),
      );
      if (!row) throw Errors.conflict('The mapping changed while it was being deactivated; retry');
      return { success: true as const, canonical_object: canonical };
    },
  };
}
export type MappingsService = ReturnType<typeof createMappingsService>;
