// Executes plans: picks the candidate rows (by id, by the model's child index, or by scan),
// filters, sorts, applies OFFSET/LIMIT and renders. Non-matching rows cost one predicate call and
// no allocation; unsorted queries stop scanning once OFFSET + LIMIT rows have matched.
import { runAggregate } from './aggregate-plan.ts';
import type { RunContext } from './context.ts';
import { idKey } from './ids.ts';
import { sortBy } from './ordering.ts';
import type { BasePlan, Plan } from './planner.ts';
import { type ChildRunner, render } from './projection.ts';
import type { SoqlResult, SoqlRow } from './types.ts';

export function runPlan(run: RunContext, plan: Plan): SoqlResult {
  if (plan.kind === 'aggregate') return runAggregate(plan.aggregate, matching(run, plan, source(run, plan)));
  const records = selectRows(run, plan, source(run, plan)).map((row) =>
    render(run, plan.projection, row, plan.object.name),
  );
  return { totalSize: records.length, records };
}

type RecordPlan = Extract<Plan, { kind: 'records' }>;

function selectRows(_run: RunContext, plan: RecordPlan, rows: Iterable<SoqlRow>): SoqlRow[] {
  const { filter, order, offset, limit } = plan;
  const stopAt = order.length === 0 && limit !== undefined ? offset + limit : Infinity;
  const kept: SoqlRow[] = [];
  if (stopAt === 0) return kept;
  for (const row of rows) {
    if (filter && !filter(row)) continue;
    kept.push(row);
    if (kept.length >= stopAt) break;
  }
  const sorted = sortBy(kept, order, (r) => r);
  return offset === 0 && limit === undefined
    ? sorted
    : sorted.slice(offset, limit === undefined ? undefined : offset + limit);
}

function* matching(_run: RunContext, plan: BasePlan, rows: Iterable<SoqlRow>): Iterable<SoqlRow> {
  const filter = plan.filter;
  for (const row of rows) if (!filter || filter(row)) yield row;
}

/** Rows pinned by "Id = / Id IN" come from data.get(); everything else is a scan. */
function source(run: RunContext, plan: BasePlan): Iterable<SoqlRow> {
  if (!plan.ids) return run.data.scan(plan.object.name, run.opts.includeDeleted);
  const seen = new Set<string>();
  const rows: SoqlRow[] = [];
  for (const id of plan.ids) {
    const key = idKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    const hit = run.data.get(id, run.opts.includeDeleted);
    if (hit && hit.objectName === plan.object.name) rows.push(hit.row);
  }
  return rows;
}

/** A child subquery, run per parent row: children come from data.children() when the model
 * indexes them, else from one scan of the child object grouped by parent id on first use. */
export function childRunner(run: RunContext, plan: RecordPlan, field: string): ChildRunner {
  let index: Map<string, SoqlRow[]> | undefined;
  const childrenOf = (parentId: string): Iterable<SoqlRow> => {
    if (run.data.children) return run.data.children(plan.object.name, field, parentId, run.opts.includeDeleted);
    if (!index) {
      index = new Map();
      for (const row of run.data.scan(plan.object.name, run.opts.includeDeleted)) {
        const ref = row[field];
        if (typeof ref !== 'string' || ref === '') continue;
        const key = idKey(ref);
        const list = index.get(key);
        if (list) list.push(row);
        else index.set(key, [row]);
      }
    }
    return index.get(idKey(parentId)) ?? [];
  };
  return (parent) => {
    const id = parent.Id;
    if (typeof id !== 'string') return null;
    const rows = selectRows(run, plan, childrenOf(id));
    if (rows.length === 0) return null;
    const records = rows.map((row) => render(run, plan.projection, row, plan.object.name));
    return { totalSize: records.length, done: true, records };
  };
}
