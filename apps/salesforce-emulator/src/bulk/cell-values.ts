// CSV text → the typed value the write path expects. Bulk API reads values as SOAP's XML Schema types,
// so "6/15/19" for a date or "2024-07-29 22:38:35" for a dateTime are rejected per row with
// "Failed to deserialize field at col N. Due to, 'v' is not a valid value for the type xsd:date"
// (recorded). An empty value is "no value" (ignored on update); "#N/A" sets null (documented).
import { parseDateTime } from '../model/value-coercion.ts';
import type { FieldDef } from '../schema/types.ts';

export const NULL_VALUE = '#N/A';

const INT = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false|1|0)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z?$/;

/** The XML Schema type Salesforce names when a value does not parse. */
export function xsdType(field: FieldDef): string | undefined {
  switch (field.type) {
    case 'boolean':
      return 'xsd:boolean';
    case 'int':
      return 'xsd:int';
    case 'long':
      return 'xsd:long';
    case 'double':
    case 'currency':
    case 'percent':
      return 'xsd:double';
    case 'date':
      return 'xsd:date';
    case 'datetime':
      return 'xsd:dateTime';
    case 'time':
      return 'xsd:time';
    default:
      return undefined;
  }
}

function validDate(y: string, m: string, d: string): boolean {
  const t = new Date(Date.UTC(+y, +m - 1, +d));
  return t.getUTCFullYear() === +y && t.getUTCMonth() === +m - 1 && t.getUTCDate() === +d;
}

/** The value to write, or undefined when the text is not a valid value of the field's type. */
export function convertCell(field: FieldDef, text: string): unknown {
  switch (field.type) {
    case 'boolean':
      return BOOLEAN.test(text) ? /^(true|1)$/i.test(text) : undefined;
    case 'int':
    case 'long':
      return INT.test(text) ? Number(text) : undefined;
    case 'double':
    case 'currency':
    case 'percent':
      return DOUBLE.test(text) ? Number(text) : undefined;
    case 'date': {
      // An offset on a date is accepted and ignored ("Specifying an offset for date is not supported").
      const m = DATE.exec(text);
      return m && validDate(m[1]!, m[2]!, m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
    }
    case 'datetime':
      return DATETIME.test(text) && parseDateTime(text) !== undefined ? text : undefined;
    case 'time': {
      const m = TIME.exec(text);
      return m && +m[1]! < 24 && +m[2]! < 60 && +m[3]! < 60 ? text : undefined;
    }
    default:
      return text;
  }
}
