// /services/Soap/m/{version}: the Metadata API's SOAP endpoint (filled in below the stub).
import type { HttpResult, Incoming, Runtime } from '../http/http-types.ts';

export function metadataSoap(_rt: Runtime, _req: Incoming, _flight?: { startMs: number }): HttpResult {
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };
}
