// The SOQL engine: executeSoql(soql, schema, data, opts) parses (cached by text), plans against
// the schema, and evaluates in memory, returning every row fully shaped as Salesforce's REST API
// renders it. Every rejection is a SoqlError carrying Salesforce's errorCode and message.
import type { RunContext } from './context.ts';
import { msg } from './errors.ts';
import { runPlan } from './execute.ts';
import { parseSoql } from './parse-adapter.ts';
import { planRoot } from './planner.ts';
import { SoqlError, type SoqlData, type SoqlResult, type SoqlRunOptions, type SoqlSchema } from './types.ts';

export * from './types.ts';

export function executeSoql(soql: string, schema: SoqlSchema, data: SoqlData, opts: SoqlRunOptions): SoqlResult {
  try {
    const parsed = parseSoql(soql);
    const base = opts.urlBase === 'tooling' ? 'tooling/sobjects' : 'sobjects';
    const run: RunContext = {
      soql,
      tokens: parsed.tokens,
      schema,
      data,
      opts,
      urlPrefix: `/services/data/v${opts.apiVersion}/${base}/`,
    };
    return runPlan(run, planRoot(run, parsed.ast, parsed.shape));
  } catch (err) {
    if (err instanceof SoqlError) throw err;
    // An engine bug, not a bad query: answer like Salesforce's own internal errors (HTTP 500,
    // UNKNOWN_EXCEPTION) and keep the original error as the cause for whoever debugs it.
    const wrapped = new SoqlError('UNKNOWN_EXCEPTION', msg.unknownException(), 500);
    Object.defineProperty(wrapped, 'cause', { value: err });
    throw wrapped;
  }
}
