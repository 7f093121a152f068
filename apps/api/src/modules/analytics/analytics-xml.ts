import type { AnalyticsPlan, DashboardPlan, ReportPlan } from '@sfx/contract';
import type { MetadataComponent } from '../deploy/components.ts';
import { mdDocument, repeated, type XmlNode } from '../workflows/md-xml.ts';

// The analytics plan as Metadata API components (Folder, Report, Dashboard reference): folders are
// `reports/<Folder>-meta.xml` with root <ReportFolder> (<DashboardFolder> for dashboards) and members of
// the Report / Dashboard type; a report is `reports/<Folder>/<Name>.report` with <columns><field>…
// (a complex element, not the bare text the original wrote); a custom object's report type is
// CustomEntity$<Object>. Components are ordered folders → reports → dashboards, the order they depend on.

type Folder = NonNullable<AnalyticsPlan['report_folders']>[number];

function folderXml(root: 'ReportFolder' | 'DashboardFolder', f: Folder): string {
  return mdDocument(root, [
    ['accessType', f.access_type ?? 'Public'],
    ['name', f.name],
  ]);
}

/** A bare field of a custom-object report is qualified (`Amount__c` → `Invoice__c.Amount__c`). */
function column(r: ReportPlan, name: string): string {
  if (!r.object || name.includes('.') || /^[A-Z0-9_]+$/.test(name)) return name;
  return `${r.object}.${name}`;
}

export function reportXml(r: ReportPlan): string {
  const filter: XmlNode[] | undefined = r.filters?.length
    ? [
        ['booleanFilter', r.boolean_filter],
        ...repeated('criteriaItems', r.filters, (f) => [
          ['column', column(r, f.column)],
          ['operator', f.operator],
          ['value', f.value],
        ]),
      ]
    : undefined;
  return mdDocument('Report', [
    ...repeated('columns', r.columns, (c) => [['field', column(r, c)]]),
    ['description', r.description],
    ['filter', filter],
    ['format', r.format ?? 'Tabular'],
    ...repeated('groupingsDown', r.groupings, (g) => [
      ['dateGranularity', g.date_granularity],
      ['field', column(r, g.field)],
      ['sortOrder', g.sort_order ?? 'Asc'],
    ]),
    ['name', r.name],
    ['reportType', r.report_type ?? `CustomEntity$${r.object}`],
    ['scope', r.scope ?? 'organization'],
    ['showDetails', true],
  ]);
}

const CHARTS = new Set(['Bar', 'Column', 'Line', 'Pie', 'Donut', 'Funnel', 'Table']);

export function dashboardXml(d: DashboardPlan, reports: ReadonlyMap<string, ReportPlan>): string {
  const section = (name: 'left' | 'middle' | 'right'): XmlNode[] | undefined => {
    const items = (d.components ?? []).filter((c) => (c.section ?? 'left') === name);
    if (!items.length && name !== 'left') return undefined;
    return [
      ['columnSize', 'Medium'],
      ...repeated('components', items, (c) => {
        const source = reports.get(c.report.toLowerCase());
        const grouping = source?.groupings?.[0] ? column(source, source.groupings[0].field) : undefined;
        return [
          ['chartSummary', [['column', 'RowCount']]],
          ['componentType', c.type],
          ['displayUnits', 'Auto'],
          ['footer', c.footer],
          ['groupingColumn', CHARTS.has(c.type) ? grouping : undefined],
          ['header', c.header],
          ['report', c.report],
          ['title', c.title],
        ];
      }),
    ];
  };
  return mdDocument('Dashboard', [
    ['backgroundEndColor', '#FFFFFF'],
    ['backgroundFadeDirection', 'Diagonal'],
    ['backgroundStartColor', '#FFFFFF'],
    ['dashboardType', d.dashboard_type ?? 'LoggedInUser'],
    ['description', d.description],
    ['leftSection', section('left')],
    ['middleSection', section('middle')],
    ['rightSection', section('right')],
    ['runningUser', d.running_user],
    ['textColor', '#000000'],
    ['title', d.title],
    ['titleColor', '#000000'],
    ['titleSize', 12],
  ]);
}

export function analyticsComponents(plan: AnalyticsPlan): MetadataComponent[] {
  const reports = new Map((plan.reports ?? []).map((r) => [`${r.folder}/${r.api_name}`.toLowerCase(), r]));
  return [
    ...(plan.report_folders ?? []).map(
      (f): MetadataComponent => ({
        type: 'ReportFolder',
        fullName: f.api_name,
        xml: f.xml_content ?? folderXml('ReportFolder', f),
      }),
    ),
    ...(plan.dashboard_folders ?? []).map(
      (f): MetadataComponent => ({
        type: 'DashboardFolder',
        fullName: f.api_name,
        xml: f.xml_content ?? folderXml('DashboardFolder', f),
      }),
    ),
    ...(plan.reports ?? []).map(
      (r): MetadataComponent => ({
        type: 'Report',
        fullName: `${r.folder}/${r.api_name}`,
        xml: r.xml_content ?? reportXml(r),
      }),
    ),
    ...(plan.dashboards ?? []).map(
      (d): MetadataComponent => ({
        type: 'Dashboard',
        fullName: `${d.folder}/${d.api_name}`,
        xml: d.xml_content ?? dashboardXml(d, reports),
      }),
    ),
  ];
}
