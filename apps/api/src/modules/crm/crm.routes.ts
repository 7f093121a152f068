import {
  AssociationsBody,
  CampaignMembersBody,
  ContactRolesBody,
  CountBody,
  CountResult,
  GetRecordBody,
  LeadConversionsBody,
  MoreBody,
  PipelineResult,
  PipelinesBody,
  QueryPage,
  RecordResult,
  SearchBody,
  SoqlBody,
} from '@sfx/contract';
import type { z } from 'zod';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { CrmService } from './crm.service.ts';

const tag = 'CRM reads';
const auth = { kind: 'user', permissions: ['crm.read'] } as const;
const NAMES =
  " Object and field names are checked against the client's latest topology snapshot (or, with none, a strict identifier grammar); filter values are typed and escaped, never pasted into SOQL.";
const PAGED = ' Further pages: query/more with next_records_path (same client only).';

function route<B extends z.ZodType, R extends z.ZodType>(
  url: string,
  operationId: string,
  summary: string,
  description: string,
  body: B,
  response: R,
  handler: (p: ReturnType<typeof principalOf>, body: z.output<B>) => Promise<z.input<R>>,
) {
  return defineRoute({
    method: 'POST',
    url,
    operationId,
    tag,
    auth,
    audit: null,
    summary,
    description,
    body,
    response,
    handler: async ({ body, caller }) => handler(principalOf(caller), body),
  });
}

export function crmRoutes(svc: CrmService) {
  return [
    route(
      '/api/query/soql',
      'querySoql',
      'Run a read-only SOQL SELECT in the client org (one page)',
      "The text is parsed with a SOQL grammar: anything but one SELECT is refused (400), as are FOR UPDATE and bind variables; every object, field, relationship path, subquery and semi-join must exist in the client's latest topology snapshot." +
        PAGED,
      SoqlBody,
      QueryPage,
      (p, b) => svc.soql(p, b),
    ),
    route(
      '/api/query/more',
      'queryMore',
      'The next page of a query',
      'Continues with the cursor Salesforce gave (next_records_path from query/soql or crm/*). A cursor issued for another client, or not by this engine, is a 404.',
      MoreBody,
      QueryPage,
      (p, b) => svc.more(p, b),
    ),
    route(
      '/api/crm/search',
      'crmSearch',
      'Records of one object matching typed filters',
      `SELECT fields FROM object WHERE filters (AND) ORDER BY … LIMIT … OFFSET ….${NAMES}${PAGED}`,
      SearchBody,
      QueryPage,
      (p, b) => svc.search(p, b),
    ),
    route(
      '/api/crm/count',
      'crmCount',
      'How many records of one object match typed filters',
      `SELECT COUNT() FROM object WHERE filters.${NAMES}`,
      CountBody,
      CountResult,
      (p, b) => svc.count(p, b),
    ),
    route(
      '/api/crm/get',
      'crmGet',
      'One record by id',
      `The record (optionally only some fields); 404 when Salesforce has no such record.${NAMES}`,
      GetRecordBody,
      RecordResult,
      (p, b) => svc.get(p, b),
    ),
    route(
      '/api/crm/associations',
      'crmAssociations',
      'Related records of contacts or opportunities',
      `SELECT related_fields FROM related_object WHERE ContactId|OpportunityId IN (source_ids), 300 ids per query; every page of every chunk is reachable.${NAMES}${PAGED}`,
      AssociationsBody,
      QueryPage,
      (p, b) => svc.associations(p, b),
    ),
    route(
      '/api/crm/contact-roles',
      'crmContactRoles',
      'Opportunity contact roles of some opportunities',
      `Id, ContactId, OpportunityId, Role, IsPrimary from OpportunityContactRole, 300 ids per query.${PAGED}`,
      ContactRolesBody,
      QueryPage,
      (p, b) => svc.contactRoles(p, b),
    ),
    route(
      '/api/crm/campaign-members',
      'crmCampaignMembers',
      "A campaign's members",
      `Default fields: Id, ContactId, LeadId, CampaignId, Status, FirstRespondedDate.${NAMES}${PAGED}`,
      CampaignMembersBody,
      QueryPage,
      (p, b) => svc.campaignMembers(p, b),
    ),
    route(
      '/api/crm/lead-conversions',
      'crmLeadConversions',
      'Converted leads matching typed filters',
      `Leads with IsConverted = TRUE and the filters; default fields are the converted ids, date, name and e-mail.${NAMES}${PAGED}`,
      LeadConversionsBody,
      QueryPage,
      (p, b) => svc.leadConversions(p, b),
    ),
    route(
      '/api/crm/pipelines',
      'crmPipelines',
      "A pipeline's stages (a picklist's values, live from Salesforce)",
      'One describe call; default Opportunity.StageName. 404 when the object has no such field.',
      PipelinesBody,
      PipelineResult,
      (p, b) => svc.pipelines(p, b),
    ),
  ];
}
