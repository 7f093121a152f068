import type { Tx } from '../../platform/db/database.ts';

const COLUMNS = [
  'id',
  'client_id',
  'canonical_object',
  'sfdc_object',
  'field_mappings',
  'external_id_field',
  'mapping_version',
  'is_active',
  'created_at',
  'updated_at',
] as const;

export async function activeMapping(trx: Tx, orgId: string, clientId: string, canonical: string) {
  return trx
    .selectFrom('field_mappings')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('canonical_object', '=', canonical)
    .where('is_active', '=', true)
    .executeTakeFirst();
}
export type MappingRow = NonNullable<Awaited<ReturnType<typeof activeMapping>>>;

export async function mappingById(trx: Tx, orgId: string, id: string) {
  return trx
    .selectFrom('field_mappings')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listMappings(trx: Tx, orgId: string, clientId: string) {
  return trx
    .selectFrom('field_mappings')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('is_active', '=', true)
    .orderBy('canonical_object')
    .execute();
}

export async function insertMapping(
  trx: Tx,
  m: {
    id: string;
    orgId: string;
    clientId: string;
    canonical: string;
    sfdcObject: string;
    fields: Record<string, string>;
    externalIdField: string | null;
    createdBy: string | null;
  },
) {
  return trx
    .insertInto('field_mappings')
    .values({
      id: m.id,
      org_id: m.orgId,
      client_id: m.clientId,
      canonical_object: m.canonical,
      sfdc_object: m.sfdcObject,
      field_mappings: JSON.stringify(m.fields),
      external_id_field: m.externalIdField,
      created_by: m.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Every change bumps mapping_version, so a push pinned to the old version is refused (409). */
export async function updateMapping(
  trx: Tx,
  orgId: string,
  id: string,
  expectedVersion: number,
  patch: { sfdc_object?: string; field_mappings?: string; external_id_field?: string | null; is_active?: boolean },
) {
  return trx
    .updateTable('field_mappings')
    .set((eb) => ({ ...patch, mapping_version: eb('mapping_version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('mapping_version', '=', expectedVersion)
    .returning(COLUMNS)
    .executeTakeFirst();
}
