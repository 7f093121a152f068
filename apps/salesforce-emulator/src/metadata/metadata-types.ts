// The metadata types this emulator understands: their mdapi directory and file suffix (as in
// forcedotcom/source-deploy-retrieve's registry and describeMetadata), whether they live in folders,
// their child types inside the parent's file, and the key prefix of their ids. Types not listed here
// are "Unknown type name" in a package.xml and INVALID_TYPE in CRUD calls, as on an org without them.

export interface MetadataType {
  xmlName: string;
  directoryName: string;
  suffix: string;
  inFolder: boolean;
  metaFile: boolean;
  /** Child types stored inside the parent's file: xml type → element name in the parent. */
  children?: Record<string, string>;
  /** For a child type: its parent type (fullName is Parent.Child). */
  parent?: string;
  /** For an inFolder type: the type of its folders (ReportFolder, DashboardFolder). */
  folderType?: string;
  /** For a folder type: the type whose directory holds it. */
  folderContentType?: string;
  idPrefix: string;
}

const CUSTOM_OBJECT_CHILDREN: Record<string, string> = {
  CustomField: 'fields',
  ValidationRule: 'validationRules',
  RecordType: 'recordTypes',
  ListView: 'listViews',
  CompactLayout: 'compactLayouts',
  WebLink: 'webLinks',
  FieldSet: 'fieldSets',
  BusinessProcess: 'businessProcesses',
};

const CHILD_PREFIXES: Record<string, string> = {
  CustomField: '00N',
  ValidationRule: '03d',
  RecordType: '012',
  ListView: '00B',
  CompactLayout: '0AH',
  WebLink: '00b',
  FieldSet: '0IX',
  BusinessProcess: '019',
  AssignmentRule: '01Q',
};

const list: MetadataType[] = [
  {
    xmlName: 'CustomObject',
    directoryName: 'objects',
    suffix: 'object',
    inFolder: false,
    metaFile: false,
    children: CUSTOM_OBJECT_CHILDREN,
    idPrefix: '01I',
  },
  { xmlName: 'Layout', directoryName: 'layouts', suffix: 'layout', inFolder: false, metaFile: false, idPrefix: '00h' },
  { xmlName: 'Flow', directoryName: 'flows', suffix: 'flow', inFolder: false, metaFile: false, idPrefix: '301' },
  {
    xmlName: 'FlowDefinition',
    directoryName: 'flowDefinitions',
    suffix: 'flowDefinition',
    inFolder: false,
    metaFile: false,
    idPrefix: '300',
  },
  {
    xmlName: 'AssignmentRules',
    directoryName: 'assignmentRules',
    suffix: 'assignmentRules',
    inFolder: false,
    metaFile: false,
    children: { AssignmentRule: 'assignmentRule' },
    idPrefix: '01Q',
  },
  {
    xmlName: 'PermissionSet',
    directoryName: 'permissionsets',
    suffix: 'permissionset',
    inFolder: false,
    metaFile: false,
    idPrefix: '0PS',
  },
  {
    xmlName: 'Profile',
    directoryName: 'profiles',
    suffix: 'profile',
    inFolder: false,
    metaFile: false,
    idPrefix: '00e',
  },
  {
    xmlName: 'Report',
    directoryName: 'reports',
    suffix: 'report',
    inFolder: true,
    metaFile: false,
    folderType: 'ReportFolder',
    idPrefix: '00O',
  },
  {
    xmlName: 'Dashboard',
    directoryName: 'dashboards',
    suffix: 'dashboard',
    inFolder: true,
    metaFile: false,
    folderType: 'DashboardFolder',
    idPrefix: '01Z',
  },
  { xmlName: 'CustomTab', directoryName: 'tabs', suffix: 'tab', inFolder: false, metaFile: false, idPrefix: '01r' },
  {
    xmlName: 'GlobalValueSet',
    directoryName: 'globalValueSets',
    suffix: 'globalValueSet',
    inFolder: false,
    metaFile: false,
    idPrefix: '0Nt',
  },
  {
    xmlName: 'ReportFolder',
    directoryName: 'reports',
    suffix: '',
    inFolder: false,
    metaFile: false,
    folderContentType: 'Report',
    idPrefix: '00l',
  },
  {
    xmlName: 'DashboardFolder',
    directoryName: 'dashboards',
    suffix: '',
    inFolder: false,
    metaFile: false,
    folderContentType: 'Dashboard',
    idPrefix: '00l',
  },
];

for (const parent of list.filter((t) => t.children)) {
  for (const [xmlName, element] of Object.entries(parent.children!)) {
    list.push({
      xmlName,
      directoryName: parent.directoryName,
      suffix: element,
      inFolder: false,
      metaFile: false,
      parent: parent.xmlName,
      idPrefix: CHILD_PREFIXES[xmlName] ?? '000',
    });
  }
}

const byName = new Map(list.map((t) => [t.xmlName.toLowerCase(), t]));

export function metadataType(name: string): MetadataType | undefined {
  return byName.get(name.toLowerCase());
}

/** Canonical type name (Salesforce matches type names case-insensitively in CRUD calls). */
export function typeName(name: string): string | undefined {
  return metadataType(name)?.xmlName;
}

export function allTypes(): readonly MetadataType[] {
  return list;
}

/** Top-level types, as describeMetadata lists them (children appear under childXmlNames). */
export function describedTypes(): MetadataType[] {
  return list.filter((t) => !t.parent && !t.folderContentType);
}

/** Deploy order: schema first, then what references it, access last (it names fields). */
export const DEPLOY_ORDER = [
  'GlobalValueSet',
  'CustomObject',
  'CustomField',
  'RecordType',
  'BusinessProcess',
  'ValidationRule',
  'CompactLayout',
  'ListView',
  'FieldSet',
  'WebLink',
  'Layout',
  'CustomTab',
  'Flow',
  'FlowDefinition',
  'AssignmentRules',
  'AssignmentRule',
  'ReportFolder',
  'Report',
  'DashboardFolder',
  'Dashboard',
  'PermissionSet',
  'Profile',
];

export function deployRank(type: string): number {
  const i = DEPLOY_ORDER.indexOf(type);
  return i < 0 ? DEPLOY_ORDER.length : i;
}
