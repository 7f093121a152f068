import type { Principal } from '../../http/principal.ts';

/**
 * The deploy pipeline's interface: what another module (workflows, analytics) hands it.
 *
 * How a deploying module plugs in:
 * 1. Validate its own plan section (its Zod schema in `@sfx/contract`, errors → 400 `invalid_deploy_plan`
 *    through `invalidPlan()` in deploy-errors.ts) before calling anything.
 * 2. Turn the plan into `MetadataComponent`s: one per package.xml member, with its mdapi XML (see
 *    `MetadataComponent.xml`). The pipeline builds package.xml, the folders and file suffixes from
 *    `METADATA_TYPES`; the module never writes a zip.
 * 3. Call `deployments.start(principal, { clientId, deploymentType, plan, components, … })`. The pipeline
 *    runs the conflict gate, queues the durable job, takes the per-org lock, retrieves before-copies of
 *    every component that already exists, deploys, polls, records per-component results verbatim, writes
 *    the footprint ledger and answers with the deployment (200) or `{id, status}` (202) per wait_seconds.
 * 4. Rollback needs nothing from the module: it deletes what was created (destructive changes in
 *    `DESTRUCTIVE_ORDER`) and redeploys the before-copies of what was changed. A Flow is deactivated
 *    (its FlowDefinition set to activeVersionNumber 0) before it is deleted.
 */

/** Metadata types the pipeline deploys and can undo. */
export type MetadataType =
  | 'CustomObject'
  | 'CustomField'
  | 'ValidationRule'
  | 'RecordType'
  | 'Layout'
  | 'PermissionSet'
  | 'Flow'
  | 'FlowDefinition'
  | 'AssignmentRules'
  | 'ReportFolder'
  | 'Report'
  | 'DashboardFolder'
  | 'Dashboard';

export interface MetadataComponent {
  type: MetadataType;
  /**
   * The package.xml member: `Obj__c`, `Account.Field__c` (children of an object are `Object.Name`),
   * `Account-Account Layout`, `MyFlow`, `Lead` (AssignmentRules), `Folder` (folders), `Folder/Report`.
   */
  fullName: string;
  /**
   * The mdapi XML. File-backed types: the whole file, `<?xml …?>` and the root element with the
   * `http://soap.sforce.com/2006/04/metadata` namespace (`<Flow xmlns=…>…</Flow>`). Child types of an
   * object (CustomField, ValidationRule, RecordType): only the child element (`<fields>…</fields>`,
   * `<validationRules>…</validationRules>`, `<recordTypes>…</recordTypes>`); the builder puts them in
   * `objects/<Object>.object`, inside the CustomObject file when the object itself is deployed too.
   */
  xml: string;
}

export interface TypeLayout {
  /** mdapi directory. */
  folder: string;
  /** File suffix (`objects/X.object`); folders use `<Folder>-meta.xml` in their content type's directory. */
  suffix: string;
  /** Child types live inside their parent's file, as this element. */
  parent?: 'CustomObject';
  element?: string;
  /** The package.xml type a member is listed under (folders are members of their content type). */
  packageType: string;
}

/** mdapi layout per type (Metadata API Developer Guide, "File-Based Calls" / each type's "File Suffix"). */
export const METADATA_TYPES: Record<MetadataType, TypeLayout> = {
  CustomObject: { folder: 'objects', suffix: 'object', packageType: 'CustomObject' },
  CustomField: {
    folder: 'objects',
    suffix: 'object',
    parent: 'CustomObject',
    element: 'fields',
    packageType: 'CustomField',
  },
  ValidationRule: {
    folder: 'objects',
    suffix: 'object',
    parent: 'CustomObject',
    element: 'validationRules',
    packageType: 'ValidationRule',
  },
  RecordType: {
    folder: 'objects',
    suffix: 'object',
    parent: 'CustomObject',
    element: 'recordTypes',
    packageType: 'RecordType',
  },
  Layout: { folder: 'layouts', suffix: 'layout', packageType: 'Layout' },
  PermissionSet: { folder: 'permissionsets', suffix: 'permissionset', packageType: 'PermissionSet' },
  Flow: { folder: 'flows', suffix: 'flow', packageType: 'Flow' },
  FlowDefinition: { folder: 'flowDefinitions', suffix: 'flowDefinition', packageType: 'FlowDefinition' },
  AssignmentRules: { folder: 'assignmentRules', suffix: 'assignmentRules', packageType: 'AssignmentRules' },
  ReportFolder: { folder: 'reports', suffix: '', packageType: 'Report' },
  Report: { folder: 'reports', suffix: 'report', packageType: 'Report' },
  DashboardFolder: { folder: 'dashboards', suffix: '', packageType: 'Dashboard' },
  Dashboard: { folder: 'dashboards', suffix: 'dashboard', packageType: 'Dashboard' },
};

/**
 * Order of deletion in a rollback's destructiveChanges (first deleted first): whatever refers to a
 * component goes before it — flows (deactivated first), dashboards before their reports, contents before
 * their folders, layouts and permission sets before the fields they name, fields before their objects.
 */
export const DESTRUCTIVE_ORDER: readonly MetadataType[] = [
  'FlowDefinition',
  'Flow',
  'AssignmentRules',
  'Dashboard',
  'DashboardFolder',
  'Report',
  'ReportFolder',
  'Layout',
  'PermissionSet',
  'ValidationRule',
  'RecordType',
  'CustomField',
  'CustomObject',
];

export type DeploymentType = 'custom_objects' | 'workflows' | 'analytics';

export interface StartDeployment {
  clientId: string;
  deploymentType: DeploymentType;
  /** The validated plan, stored with the deployment and handed to the conflict gate. */
  plan: Record<string, unknown>;
  components: MetadataComponent[];
  conflictReportId?: string | undefined;
  allowRed: boolean;
  checkOnly: boolean;
  waitSeconds: number;
}

export type ConflictSeverity = 'green' | 'yellow' | 'red';

/**
 * The conflict check, as the pipeline needs it (implemented by modules/conflicts). Given a report id it
 * loads that report (404 `not_found` when it is another client's or another org's; 409 `conflict` when
 * it was made against an older snapshot than the latest); without one it runs a fresh check. Either way
 * it answers the report's id and overall severity; a red one blocks the deployment unless allow_red.
 */
export interface ConflictGate {
  check(
    principal: Principal,
    input: { clientId: string; plan: Record<string, unknown>; reportId?: string | undefined },
  ): Promise<{ reportId: string; overallSeverity: ConflictSeverity }>;
}
