// describeGlobal flags for objects whose source describe does not carry them. Objects in the recorded
// describeGlobal keep their real flags; for the rest these rules follow the patterns of the real ones:
// derived families (History, Feed, Share, ChangeEvent) have fixed shapes, setup and log objects are
// read-only, and business objects with an owner are layoutable, searchable and undeletable.
import type { GlobalFlags } from './types.ts';

export type Family = 'History' | 'Feed' | 'Share' | 'ChangeEvent' | 'Event' | null;

export function familyOf(name: string): { family: Family; parent: string } {
  for (const family of ['ChangeEvent', 'History', 'Feed', 'Share'] as const) {
    if (name.endsWith(family) && name.length > family.length) return { family, parent: name.slice(0, -family.length) };
  }
  if (name.endsWith('Event') && name !== 'Event') return { family: 'Event', parent: '' };
  return { family: null, parent: '' };
}

const READ_ONLY =
  /(Definition|Metric|Metrics|Limit|Access|Info|Log|Result|Status|View|Summary|Usage|Stream|Setting|Settings|Feature|License|Permission|History)$/;
const READ_ONLY_NAMES = new Set([
  'AggregateResult',
  'Name',
  'Organization',
  'UserRecordAccess',
  'EntityDefinition',
  'FieldDefinition',
]);

const NONE: GlobalFlags = {
  activateable: false,
  associateEntityType: null,
  associateParentEntity: null,
  createable: false,
  customSetting: false,
  deepCloneable: false,
  deletable: false,
  deprecatedAndHidden: false,
  feedEnabled: false,
  hasSubtypes: false,
  isInterface: false,
  isSubtype: false,
  layoutable: false,
  mergeable: false,
  mruEnabled: false,
  queryable: true,
  replicateable: false,
  retrieveable: true,
  searchable: false,
  triggerable: false,
  undeletable: false,
  updateable: false,
};

export interface FlagHints {
  queryable: boolean;
  hasOwner: boolean;
  hasName: boolean;
}

export function inferFlags(name: string, hints: FlagHints): GlobalFlags {
  const { family, parent } = familyOf(name);
  switch (family) {
    case 'History':
      return { ...NONE, associateEntityType: 'History', associateParentEntity: parent, replicateable: false };
    case 'Feed':
      return { ...NONE, associateEntityType: 'Feed', associateParentEntity: parent, deletable: true };
    case 'Share':
      return {
        ...NONE,
        associateEntityType: 'Share',
        associateParentEntity: parent,
        createable: true,
        deletable: true,
        updateable: true,
      };
    case 'ChangeEvent':
      return {
        ...NONE,
        associateEntityType: 'ChangeEvent',
        associateParentEntity: parent,
        queryable: false,
        triggerable: true,
      };
    case 'Event':
      return { ...NONE, queryable: hints.queryable, retrieveable: false };
    default:
      break;
  }
  const readOnly = READ_ONLY.test(name) || READ_ONLY_NAMES.has(name);
  const writable = !readOnly;
  const business = writable && hints.hasOwner;
  return {
    ...NONE,
    queryable: hints.queryable,
    createable: writable,
    updateable: writable,
    deletable: writable,
    layoutable: business,
    mruEnabled: business,
    searchable: business && hints.hasName,
    triggerable: writable,
    undeletable: business,
    replicateable: hints.queryable && writable,
    retrieveable: hints.queryable,
  };
}

/** The urls keys an object's global entry carries, following the real describeGlobal's patterns. */
export function inferUrlKeys(name: string, flags: GlobalFlags): string[] {
  const keys = ['describe', 'rowTemplate', 'sobject'];
  if (familyOf(name).family === 'ChangeEvent' || name.endsWith('Stream')) keys.push('eventSchema');
  if (flags.layoutable) keys.push('compactLayouts', 'approvalLayouts', 'layouts', 'quickActions');
  if (flags.layoutable && flags.searchable) keys.push('listviews');
  return keys.sort();
}
