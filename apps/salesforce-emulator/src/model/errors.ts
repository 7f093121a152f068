// Salesforce's two error shapes. A request-level error is the REST body [{"message","errorCode","fields"?}]
// with an HTTP status; a per-record DML error is {"statusCode","message","fields"} inside a SaveResult.

export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  body(): Array<Record<string, unknown>> {
    const item: Record<string, unknown> = { message: this.message, errorCode: this.errorCode };
    if (this.fields) item.fields = this.fields;
    return [item];
  }
}

export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: DmlError[];
  created?: boolean;
}

export const NOT_FOUND = 'The requested resource does not exist';

export function notFound(message = NOT_FOUND): ApiError {
  return new ApiError(404, 'NOT_FOUND', message);
}

export function dmlError(statusCode: string, message: string, fields: string[] = []): DmlError {
  return { statusCode, message, fields };
}

/** The REST form of a DML error (single-record resources report errorCode, collections statusCode). */
export function toRestError(e: DmlError): Record<string, unknown> {
  return { message: e.message, errorCode: e.statusCode, fields: e.fields };
}
