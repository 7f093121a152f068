import { z } from 'zod';
import { metadataXml } from './metadata-xml.ts';
import { ALWAYS, booleanFilterProblem, developerName, list, str } from './workflows-plan.ts';

// The analytics deploy plan (`deploy/analytics`): `plan.report_folders`, `plan.dashboard_folders`,
// `plan.reports`, `plan.dashboards` (the original service's keys; attributes are snake_case like the
// rest of the API). A report or dashboard is declarative (a tabular/summary report over an object, a
// dashboard of report components) or raw Metadata API XML (`xml_content`, checked before anything is
// sent). Limits are Salesforce's (Folder.Name 40, DeveloperName 80, Dashboard.Title 80).

type Path = (string | number)[];
const reporter = (ctx: z.RefinementCtx) => (path: Path, message: string) =>
  ctx.addIssue({ code: 'custom', path, message });

const FolderName = z.string().trim().min(1).max(40);

const FolderPlan = (root: 'ReportFolder' | 'DashboardFolder') =>
  z
    .strictObject({
      api_name: developerName(80).describe('The folder unique name, e.g. Sales_Reports.'),
      name: FolderName.optional().describe('The folder label (required unless xml_content is given).'),
      access_type: z
        .enum(['Public', 'PublicInternal', 'Shared', 'Hidden'])
        .optional()
        .describe('Default Public (every internal user can see the folder).'),
      xml_content: metadataXml(root).optional(),
    })
    .superRefine((f, ctx) => {
      const report = reporter(ctx);
      if (f.xml_content !== undefined) {
        for (const k of ['name', 'access_type'] as const)
          if (f[k] !== undefined) report([k], 'give either xml_content or the declarative form, not both');
      } else if (!f.name) report(['name'], 'a folder needs a name');
    }, ALWAYS);

export const ReportFolderPlan = FolderPlan('ReportFolder');
export const DashboardFolderPlan = FolderPlan('DashboardFolder');

/** Report filter operators (Metadata API ReportFilterItem.operator). */
export const REPORT_OPERATORS = [
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'lessOrEqual',
  'greaterOrEqual',
  'contains',
  'notContain',
  'startsWith',
  'includes',
  'excludes',
] as const;
export const DATE_GRANULARITIES = ['None', 'Day', 'Week', 'Month', 'Quarter', 'Year', 'FiscalQuarter', 'FiscalYear'];

/** A report column: a field of the object (`Amount__c`), qualified (`Invoice__c.Amount__c`) or a column name. */
const Column = z
  .string()
  .max(120)
  .regex(/^[A-Za-z][A-Za-z0-9_.$]*$/, 'a column name such as Amount__c, Invoice__c.Amount__c or CUST_NAME');

const REPORT_DECLARATIVE = [
  'name',
  'description',
  'format',
  'object',
  'report_type',
  'columns',
  'filters',
  'boolean_filter',
  'groupings',
  'scope',
] as const;

export const ReportPlan = z
  .strictObject({
    api_name: developerName(80).describe('The report unique name.'),
    folder: developerName(80).describe('A report_folders api_name in this plan, or an existing folder.'),
    pre_existing_folder: z.boolean().optional().describe('The folder already exists in the org (default false).'),
    xml_content: metadataXml('Report').optional(),
    name: z.string().trim().min(1).max(40).optional(),
    description: z.string().max(255).optional(),
    format: z.enum(['Tabular', 'Summary']).optional().describe('Default Tabular; Summary needs groupings.'),
    object: z
      .string()
      .max(43)
      .regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'a custom object API name (Invoice__c)')
      .optional()
      .describe('A custom object: the report type is its standard one (CustomEntity$Invoice__c).'),
    report_type: z
      .string()
      .max(120)
      .regex(/^[A-Za-z][A-Za-z0-9_$]*$/, 'a report type name such as Opportunity or AccountList')
      .optional()
      .describe('A report type by name (standard objects: Opportunity, AccountList, LeadList, …).'),
    columns: z.array(Column).min(1).max(100).optional(),
    filters: z
      .array(z.strictObject({ column: Column, operator: z.enum(REPORT_OPERATORS), value: z.string().max(255) }))
      .max(20)
      .optional(),
    boolean_filter: z
      .string()
      .max(255)
      .regex(/^[0-9()\sANDORNTandornt]+$/, 'numbers, parentheses, AND, OR, NOT')
      .optional(),
    groupings: z
      .array(
        z.strictObject({
          field: Column,
          sort_order: z.enum(['Asc', 'Desc']).optional(),
          date_granularity: z.enum(DATE_GRANULARITIES as [string, ...string[]]).optional(),
        }),
      )
      .max(3)
      .optional()
      .describe('Summary reports: up to 3 row groupings.'),
    scope: z.enum(['organization', 'user', 'mine', 'team', 'everything']).optional().describe('Default organization.'),
  })
  .superRefine((r, ctx) => {
    const report = reporter(ctx);
    if (r.xml_content !== undefined) {
      for (const k of REPORT_DECLARATIVE)
        if (r[k] !== undefined) report([k], 'give either xml_content or the declarative form, not both');
      return;
    }
    if (!r.name) report(['name'], 'a report needs a name');
    if (!r.columns) report(['columns'], 'a report needs at least one column');
    if ((r.object === undefined) === (r.report_type === undefined))
      report(['object'], 'give the custom object the report is over, or a report_type');
    const format = r.format ?? 'Tabular';
    const groupings = list(r.groupings).length;
    if (format === 'Tabular' && groupings)
      report(['groupings'], 'a Tabular report has no groupings: use format Summary');
    if (format === 'Summary' && !groupings) report(['groupings'], 'a Summary report needs at least one grouping');
    if (typeof r.boolean_filter === 'string') {
      const problem = booleanFilterProblem(r.boolean_filter, list(r.filters).length);
      if (problem) report(['boolean_filter'], problem);
    }
  }, ALWAYS)
  .describe('A report: tabular or summary over an object, or raw Report XML.');
export type ReportPlan = z.infer<typeof ReportPlan>;

export const DASHBOARD_COMPONENT_TYPES = [
  'Table',
  'Metric',
  'Gauge',
  'Bar',
  'Column',
  'Line',
  'Pie',
  'Donut',
  'Funnel',
];

export const DashboardPlan = z
  .strictObject({
    api_name: developerName(80).describe('The dashboard unique name.'),
    folder: developerName(80).describe('A dashboard_folders api_name in this plan, or an existing folder.'),
    pre_existing_folder: z.boolean().optional(),
    xml_content: metadataXml('Dashboard').optional(),
    title: z.string().trim().min(1).max(80).optional(),
    description: z.string().max(255).optional(),
    dashboard_type: z
      .enum(['LoggedInUser', 'SpecifiedUser', 'MyTeamUser'])
      .optional()
      .describe('Whose data the dashboard shows: the viewer (default LoggedInUser) or running_user.'),
    running_user: z.string().trim().min(1).max(255).optional().describe('A username; SpecifiedUser only.'),
    components: z
      .array(
        z.strictObject({
          report: z
            .string()
            .max(161)
            .regex(/^[A-Za-z][A-Za-z0-9_]*\/[A-Za-z][A-Za-z0-9_]*$/, 'Folder/Report')
            .describe('"<folder>/<report api_name>": a report in this plan unless pre_existing_report.'),
          pre_existing_report: z.boolean().optional(),
          type: z.enum(DASHBOARD_COMPONENT_TYPES as [string, ...string[]]),
          title: z.string().max(80).optional(),
          header: z.string().max(80).optional(),
          footer: z.string().max(255).optional(),
          section: z.enum(['left', 'middle', 'right']).optional().describe('Default left.'),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
  })
  .superRefine((d, ctx) => {
    const report = reporter(ctx);
    if (d.xml_content !== undefined) {
      for (const k of ['title', 'description', 'dashboard_type', 'running_user', 'components'] as const)
        if (d[k] !== undefined) report([k], 'give either xml_content or the declarative form, not both');
      return;
    }
    if (!d.title) report(['title'], 'a dashboard needs a title');
    if (!d.components) report(['components'], 'a dashboard needs at least one component');
    const type = d.dashboard_type ?? 'LoggedInUser';
    if (type === 'SpecifiedUser' && !d.running_user)
      report(['running_user'], 'a SpecifiedUser dashboard needs the user it runs as');
    if (type !== 'SpecifiedUser' && d.running_user)
      report(['running_user'], 'only a SpecifiedUser dashboard has a running user');
  }, ALWAYS)
  .describe('A dashboard of report components, or raw Dashboard XML.');
export type DashboardPlan = z.infer<typeof DashboardPlan>;

export const AnalyticsPlan = z
  .strictObject({
    report_folders: z.array(ReportFolderPlan).max(50).optional(),
    dashboard_folders: z.array(DashboardFolderPlan).max(50).optional(),
    reports: z.array(ReportPlan).max(200).optional(),
    dashboards: z.array(DashboardPlan).max(50).optional(),
  })
  .superRefine((p, ctx) => {
    const report = reporter(ctx);
    const sections = {
      report_folders: list(p.report_folders),
      dashboard_folders: list(p.dashboard_folders),
      reports: list(p.reports),
      dashboards: list(p.dashboards),
    };
    if (Object.values(sections).every((s) => !s.length))
      report([], 'the plan deploys nothing: give folders, reports or dashboards');
    const key = (x: Record<string, unknown>) => (x.folder === undefined ? '' : `${str(x.folder)}/`) + str(x.api_name);
    for (const [name, items] of Object.entries(sections)) {
      const seen = new Map<string, number>();
      items.forEach((x, i) => {
        const k = key(x).toLowerCase();
        const prev = seen.get(k);
        if (str(x.api_name) && prev !== undefined)
          report([name, i, 'api_name'], `duplicate ${key(x)} (${name}[${prev}])`);
        seen.set(k, i);
      });
    }
    const reportFolders = new Set(sections.report_folders.map((f) => str(f.api_name).toLowerCase()));
    const dashboardFolders = new Set(sections.dashboard_folders.map((f) => str(f.api_name).toLowerCase()));
    const reports = new Map(sections.reports.map((r) => [key(r).toLowerCase(), r]));
    sections.reports.forEach((r, i) => {
      if (r.pre_existing_folder !== true && !reportFolders.has(str(r.folder).toLowerCase()))
        report(
          ['reports', i, 'folder'],
          `${str(r.folder)} is not in report_folders (set pre_existing_folder if it exists)`,
        );
    });
    sections.dashboards.forEach((d, i) => {
      if (d.pre_existing_folder !== true && !dashboardFolders.has(str(d.folder).toLowerCase()))
        report(['dashboards', i, 'folder'], `${str(d.folder)} is not in dashboard_folders (set pre_existing_folder)`);
      list(d.components).forEach((c, j) => {
        if (c.pre_existing_report === true) return;
        const r = reports.get(str(c.report).toLowerCase());
        const path = ['dashboards', i, 'components', j, 'report'];
        if (!r) report(path, `${str(c.report)} is not in reports (set pre_existing_report if it exists)`);
        else if (r.xml_content === undefined && (r.format ?? 'Tabular') !== 'Summary')
          report(path, `${str(c.report)} is a Tabular report; a dashboard component needs a Summary report`);
      });
    });
  }, ALWAYS);
export type AnalyticsPlan = z.infer<typeof AnalyticsPlan>;
