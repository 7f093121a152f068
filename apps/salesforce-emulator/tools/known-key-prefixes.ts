// Key prefixes of standard objects, which are the same in every org (they are part of the API
// contract). Used where the source describes do not carry a keyPrefix. Objects outside this table
// and the recorded describeGlobal get a stable synthetic prefix (see build-fixtures.ts).
export const KNOWN_KEY_PREFIXES: Record<string, string> = {
  Account: '001', Note: '002', Contact: '003', User: '005', Opportunity: '006', Activity: '007',
  Organization: '00D', UserRole: '00E', Group: '00G', Partner: '00I', OpportunityCompetitor: '00J',
  OpportunityContactRole: '00K', Report: '00O', Attachment: '00P', Lead: '00Q', Task: '00T', Event: '00U',
  EmailTemplate: '00X', CaseComment: '00a', WebLink: '00b', Profile: '00e', OpportunityLineItem: '00k',
  Folder: '00l', CampaignMember: '00v', ListView: '00B', GroupMember: '011', RecordType: '012', Document: '015',
  Scontrol: '01N', AssignmentRule: '01Q', Dashboard: '01Z', BusinessHours: '01m', ApexClass: '01p',
  ApexTrigger: '01q', Pricebook2: '01s', Product2: '01t', PricebookEntry: '01u', FiscalYearSettings: '022',
  Period: '026', Asset: '02i', EmailMessage: '02s', QueueSobject: '03g', CaseContactRole: '03j',
  ProcessInstance: '04g', ProcessInstanceStep: '04h', ProcessInstanceWorkitem: '04i', ContentWorkspace: '058',
  ApexPage: '066', ContentVersion: '068', ContentDocument: '069', ContentDocumentLink: '06A', AsyncApexJob: '707',
  AccountContactRelation: '07k', ApexLog: '07L', StaticResource: '081', Vote: '083', Idea: '087',
  CronTrigger: '08e', ServiceAppointment: '08p', EmailServicesAddress: '093', ApexComponent: '099',
  Holiday: '0C0', CustomPermission: '0CP', Network: '0DB', Site: '0DM', OrgWideEmailAddress: '0D2',
  FeedItem: '0D5', FeedComment: '0D7', CollaborationGroup: '0F9', ServiceTerritory: '0Hh', ServiceResource: '0Hn',
  PushTopic: '0IF', Macro: '0JZ', Territory2: '0MI', OperatingHours: '0OH', PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa', Individual: '0PK', Quote: '0Q0', QuoteLineItem: '0QL', Topic: '0TO',
  WorkOrder: '0WO', LoginHistory: '0Ya', SetupAuditTrail: '0Ym', AuthSession: '0Ak', UserLicense: '100',
  Location: '131', WorkOrderLineItem: '1WL', Case: '500', Solution: '501', Entitlement: '550', Campaign: '701',
  Contract: '800', Order: '801', OrderItem: '802', ServiceContract: '810', ContractLineItem: '811',
};
