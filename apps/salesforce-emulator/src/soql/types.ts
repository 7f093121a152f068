// The seam between the org model (records, schema) and the SOQL engine.
// The engine never touches the model directly: the model hands it these read-only views,
// so REST /query, /queryAll, Tooling /tooling/query and Bulk 2.0 query jobs all share one engine.

/** One field of a describe, as Salesforce's REST describe returns it (every key kept). */
export interface SoqlField {
  name: string;
  /** describe type: id, string, textarea, boolean, int, double, currency, percent, date, datetime, time,
   * email, phone, url, picklist, multipicklist, reference, combobox, address, location, base64,
   * encryptedstring, anyType, long, json, complexvalue */
  type: string;
  label: string;
  relationshipName: string | null;
  referenceTo: string[];
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  aggregatable: boolean;
  custom: boolean;
  nillable: boolean;
  calculated?: boolean;
  polymorphicForeignKey?: boolean;
  [key: string]: unknown;
}

export interface SoqlChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete?: boolean;
  [key: string]: unknown;
}

export interface SoqlObject {
  /** Canonical API name (the casing Salesforce uses). */
  readonly name: string;
  readonly keyPrefix: string | null;
  readonly queryable: boolean;
  /** Case-insensitive; undefined when the field does not exist or the running user cannot see it (FLS). */
  getField(name: string): SoqlField | undefined;
  /** Every field visible to the running user, in describe order. */
  fields(): Iterable<SoqlField>;
  /** Case-insensitive lookup by relationshipName (e.g. "Contacts" on Account). */
  getChildRelationship(relationshipName: string): SoqlChildRelationship | undefined;
}

export interface SoqlSchema {
  /** Case-insensitive; undefined when the sObject does not exist or is not visible to the running user. */
  getObject(name: string): SoqlObject | undefined;
}

/** A stored record: keys are canonical field API names, values in Salesforce's JSON representation
 * (date "2024-01-31", datetime "2024-01-31T10:00:00.000+0000", time "10:00:00.000Z",
 * multipicklist "A;B", numbers as numbers, checkboxes as booleans, null for empty). Never mutate it. */
export type SoqlRow = Readonly<Record<string, unknown>>;

export interface SoqlData {
  /** Rows of one object. Rows with IsDeleted = true are included only when includeDeleted. */
  scan(objectName: string, includeDeleted: boolean): Iterable<SoqlRow>;
  /** A row of any object by 15- or 18-character id (deleted rows only when includeDeleted). */
  get(id: string, includeDeleted: boolean): { objectName: string; row: SoqlRow } | undefined;
  /** Rows of childObject whose `field` holds parentId; the model may index this, the engine may fall back to scan. */
  children?(childObject: string, field: string, parentId: string, includeDeleted: boolean): Iterable<SoqlRow>;
}

export interface SoqlRunOptions {
  /** "62.0": used in attributes.url (/services/data/v62.0/sobjects/Account/001…). */
  apiVersion: string;
  /** queryAll: include deleted (and archived) rows. */
  includeDeleted: boolean;
  /** Reference instant for date literals (TODAY, LAST_N_DAYS:n, …). */
  now: Date;
  /** Tooling queries render attributes.url under /services/data/vXX.X/tooling/sobjects/. */
  urlBase?: 'data' | 'tooling';
}

export interface SoqlResult {
  /** Salesforce's totalSize: rows matched (for COUNT() the count, with records empty). */
  totalSize: number;
  /** Every result row, fully shaped as Salesforce returns it (attributes, nested parents, child subquery
   * results as {totalSize, done, records} or null). The caller pages these into batches. */
  records: Array<Record<string, unknown>>;
}

/** A query Salesforce rejects: errorCode (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, …) and message,
 * the message carrying Salesforce's "ERROR at Row:r:Column:c" text where Salesforce gives it. */
export class SoqlError extends Error {
  readonly errorCode: string;
  readonly status: number;
  constructor(errorCode: string, message: string, status = 400) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
    this.status = status;
  }
}
