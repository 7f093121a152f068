// /services/Soap/m/{version}: the Metadata API's SOAP endpoint. Requests are SOAP 1.1 envelopes as
// jsforce sends them (default namespace on Body, unqualified xsi:type, SessionHeader); responses are
// "soapenv:"-prefixed envelopes with text/xml (jsforce requires the prefix), faults are HTTP 500
// <soapenv:Fault> with "sf:CODE" fault codes. A call counts against the org's daily API requests.
import { authenticate } from '../auth/sessions.ts';
import type { HttpResult, Incoming, Runtime } from '../http/http-types.ts';
import { MIN_API_VERSION } from '../rest/versions.ts';
import {
  argList,
  deleteCall,
  describeCall,
  listCall,
  readCall,
  renameCall,
  saveCall,
  type CallContext,
} from './crud-calls.ts';
import { deployResult, type DeployOptions } from './deploy-queue.ts';
import { cancelDeploy, MetadataFault, pumpDeploys, quickDeploy, submitDeploy } from './deploy-service.ts';
import { retrieveResult, startRetrieve } from './retrieve-service.ts';
import { arr, bool, escapeXml, parseXml, records, text, toXml, type MdRecord, type MdValue } from './xml-codec.ts';

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
const XML_TYPE = 'text/xml;charset=UTF-8';

export function soapFault(code: string, message: string, status = 500): HttpResult {
  const faultcode = code.includes(':') ? code : `sf:${code}`;
  const faultstring = code.includes(':') ? message : `${code}: ${message}`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope ` +
    `xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><soapenv:Fault><faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
  return { status, headers: { 'Content-Type': XML_TYPE }, body };
}

function respond(op: string, result: unknown): HttpResult {
  const inner =
    result === undefined
      ? ''
      : Array.isArray(result)
        ? result.map((r) => toXml('result', soapValue(r))).join('')
        : toXml('result', soapValue(result));
  return {
    status: 200,
    headers: { 'Content-Type': XML_TYPE },
    body: `${ENVELOPE_OPEN}<soapenv:Body><${op}Response>${inner}</${op}Response></soapenv:Body></soapenv:Envelope>`,
  };
}

/** Plain values → XML-ready records (booleans and numbers as text, undefined dropped). */
function soapValue(v: unknown): MdValue {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(soapValue);
  if (typeof v === 'object') {
    const out: MdRecord = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      if (x !== undefined && x !== null) out[k] = soapValue(x);
    return out;
  }
  return String(v);
}

function deployOptions(r: MdRecord | undefined): Partial<DeployOptions> {
  if (!r) return {};
  const out: Partial<DeployOptions> = {};
  for (const k of [
    'allowMissingFiles',
    'autoUpdatePackage',
    'checkOnly',
    'ignoreWarnings',
    'performRetrieve',
    'purgeOnDelete',
    'rollbackOnError',
    'singlePackage',
  ] as const) {
    if (r[k] !== undefined) out[k] = bool(r[k]);
  }
  if (r.testLevel !== undefined) out.testLevel = text(r.testLevel) ?? 'NoTestRun';
  if (r.runTests !== undefined) out.runTests = argList(r.runTests);
  return out;
}

export function metadataSoap(rt: Runtime, req: Incoming, _flight?: { startMs: number }): HttpResult {
  if (req.method !== 'POST') return soapFault('soapenv:Client', 'Only POST is supported for SOAP requests');
  const version = /^\/services\/Soap\/m\/(\d{2,3})\.0\/?$/.exec(req.path);
  if (!version || Number(version[1]) < MIN_API_VERSION || Number(version[1]) > Number(rt.latestApiVersion)) {
    return soapFault('UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
  }
  const parsed = parseXml(req.body ?? '');
  const envelope = parsed.ok ? records(parsed.doc.Envelope)[0] : undefined;
  const body = envelope ? records(envelope.Body)[0] : undefined;
  if (!parsed.ok || !body)
    return soapFault(
      'soapenv:Client',
      parsed.ok ? 'Missing SOAP Body' : `Unable to parse the request envelope: ${parsed.message}`,
    );
  const header = records(envelope!.Header)[0];
  const token = text(records(header?.SessionHeader)[0]?.sessionId);
  const auth = authenticate(rt.state, token);
  if (!auth || auth.org.settings.sessionsAlwaysInvalid)
    return soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  const { org, userId } = auth;
  const clock = () => rt.state.clock.now();
  const now = clock();
  if (org.usage.used(now) >= org.settings.apiDailyLimit)
    return soapFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  org.usage.add(now, 1);
  const [op] = Object.keys(body);
  const args = op ? (records(body[op])[0] ?? {}) : {};
  const c: CallContext = { org, userId, nowMs: now, allOrNone: bool(records(header?.AllOrNoneHeader)[0]?.allOrNone) };
  try {
    const out = dispatch(op ?? '', args, c, clock);
    return { ...out, orgId: org.id, userId, apiCalls: 1 };
  } catch (err) {
    if (err instanceof MetadataFault)
      return { ...soapFault(err.code, err.message), orgId: org.id, userId, apiCalls: 1 };
    throw err;
  }
}

function dispatch(op: string, a: MdRecord, c: CallContext, clock: () => number): HttpResult {
  const { org, userId } = c;
  switch (op) {
    case 'createMetadata':
    case 'updateMetadata':
    case 'upsertMetadata':
      return respond(
        op,
        saveCall(
          c,
          op === 'createMetadata' ? 'create' : op === 'updateMetadata' ? 'update' : 'upsert',
          records(a.metadata),
        ),
      );
    case 'deleteMetadata':
      return respond(op, deleteCall(c, text(a.type), argList(a.fullNames)));
    case 'readMetadata': {
      const type = text(a.type);
      const found = readCall(c, type, argList(a.fullNames));
      const recs = found.map((r) => (r ? { '@xsi:type': type!, ...r } : { '@xsi:type': type! }));
      return respond(op, { records: recs });
    }
    case 'renameMetadata':
      return respond(op, renameCall(c, text(a.type), text(a.oldFullName) ?? '', text(a.newFullName) ?? ''));
    case 'listMetadata':
      return respond(op, listCall(c, records(a.queries)));
    case 'describeMetadata':
      return respond(op, describeCall());
    case 'deploy': {
      const zip = Buffer.from(text(a.ZipFile) ?? '', 'base64');
      const job = submitDeploy(org, userId, clock, zip, deployOptions(records(a.DeployOptions)[0]));
      pumpDeploys(org, clock);
      return respond(op, { done: false, id: job.id, state: 'Queued' });
    }
    case 'checkDeployStatus': {
      pumpDeploys(org, clock);
      const job = org.metadata.deploys.get(text(a.asyncProcessId) ?? '');
      if (!job) throw new MetadataFault('INVALID_ID_FIELD', `Invalid deploy ID: ${text(a.asyncProcessId) ?? ''}`);
      return respond(op, deployResult(job, bool(a.includeDetails)));
    }
    case 'cancelDeploy': {
      const job = cancelDeploy(org, text(a.id) ?? text(a.String) ?? '', userId, clock);
      return respond(op, { done: job.status === 'Canceled', id: job.id });
    }
    case 'deployRecentValidation': {
      const job = quickDeploy(org, text(a.validationId) ?? '', userId, clock);
      pumpDeploys(org, clock);
      return respond(op, job.id);
    }
    case 'retrieve': {
      const job = startRetrieve(org, userId, c.nowMs, records(a.request)[0] ?? {});
      return respond(op, { done: false, id: job.id, state: 'Queued' });
    }
    case 'checkRetrieveStatus': {
      const job = org.metadata.retrieves.get((text(a.asyncProcessId) ?? '').slice(0, 15));
      if (!job) throw new MetadataFault('INVALID_ID_FIELD', `Invalid retrieve ID: ${text(a.asyncProcessId) ?? ''}`);
      return respond(op, retrieveResult(job, a.includeZip === undefined || bool(a.includeZip)));
    }
    case 'checkStatus': {
      pumpDeploys(org, clock);
      const ids = arr(a.asyncProcessId).map((x) => text(x) ?? '');
      return respond(
        op,
        ids.map((id) => {
          const d = org.metadata.deploys.get(id);
          const done = d
            ? ['Succeeded', 'SucceededPartial', 'Failed', 'Canceled'].includes(d.status)
            : org.metadata.retrieves.has(id.slice(0, 15));
          return { done, id, state: done ? 'Completed' : 'InProgress' };
        }),
      );
    }
    default:
      return soapFault(
        'soapenv:Client',
        `No operation available for request {http://soap.sforce.com/2006/04/metadata}${op}`,
      );
  }
}
