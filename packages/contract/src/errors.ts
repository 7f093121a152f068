// Every error code the API answers with, and its HTTP status. One table, used by the server's
// error handler and documented in the OpenAPI spec.
export const ERROR_STATUS = {
  validation_failed: 422,
  malformed_json: 422,
  invalid_request: 400,
  invalid_deploy_plan: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  salesforce_error: 502,
  custody_error: 502,
  salesforce_unavailable: 503,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
