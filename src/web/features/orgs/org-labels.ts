import { useCallback } from 'react';
import { ORG_FIELD_LABELS } from '../../../shared/schemas/orgs.js';
import { useLang } from '../../i18n.js';

// Kept out of i18n.ts: the shared field labels sit beside the zod schemas, which only the registry's pages load.
const ORG_FIELD_LABELS_EN: Record<string, string> = {
  name: 'Name',
  formerNames: 'Former names',
  creditCode: 'Unified social credit code',
  legalForm: 'Legal form',
  category: 'Category',
  regionCode: 'Region',
  region: 'Region',
  address: 'Address',
  leaderName: 'Leader',
  leaderIdNumber: "Leader's ID number",
  leaderPhone: 'Phone',
  individualMembers: 'Individual members',
  unitMembers: 'Unit members',
  foundedOn: 'Founded on',
  purpose: 'Purpose',
  activities: 'Scope / activities',
  venue: 'Venue',
  hubOrgId: 'Hub federation',
  status: 'Status',
  isDemoSite: 'Demonstration site',
  isBrand: 'Brand',
  isIncubating: 'Incubating',
  certificateNo: 'Certificate no.',
};

/** The label of a registry field (forms, history, print) in the current language. */
export function useOrgFieldLabel(): (field: string) => string {
  const { lang } = useLang();
  return useCallback((f: string) => (lang === 'zh' ? ORG_FIELD_LABELS[f] : ORG_FIELD_LABELS_EN[f]) ?? f, [lang]);
}

