// What every write needs: the org's schema and records, who is writing, when, and with which
// field-level access. REST, composite, collections, tree and (later) Bulk all build one of these and
// call the functions in dml.ts, so every write goes through the same validation.
import type { IdGenerator } from '../ids/salesforce-id.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { FieldAccess } from '../schema/types.ts';
import type { RecordStore } from './record-store.ts';
import type { Locator } from './value-coercion.ts';

export interface DmlHost {
  readonly schema: OrgSchema;
  readonly records: RecordStore;
  readonly ids: IdGenerator;
  /** The next value of an auto-number field (per object and field). */
  nextAutoNumber(objectName: string, fieldName: string, start: number): number;
}

export interface WriteContext {
  readonly host: DmlHost;
  readonly userId: string;
  readonly nowMs: number;
  readonly access: FieldAccess;
  /** Formats " at [line:l, column:c]" for a body key; empty when the body has no source text. */
  readonly locate: Locator;
  /** Platform-internal writes (seeding users, the Organization record) skip createable/updateable checks. */
  readonly system?: boolean;
}

export const NO_LOCATION: Locator = () => '';
