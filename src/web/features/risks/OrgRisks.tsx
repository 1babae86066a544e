import { useState } from 'react';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { RiskTable } from './RisksPage.js';
import { risksMessages } from './risks.messages.js';

/** The organization record's 风险 tab: its risk items, open and closed. */
function OrgRisks({ orgId }: { orgId: number }) {
  const t = useT(risksMessages);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  return <RiskTable p={{ org: orgId, sort: '-detected', ...page }} onPage={(p, s) => setPage({ page: p, pageSize: s })} empty={t('tab.empty')} />;
}

/** The tab for the record's tab list, or null when the viewer may not read risk items. */
export function useRisksTab(orgId: number) {
  const t = useT(risksMessages);
  const can = useCan();
  return can('risk.read') ? { key: 'risks', label: t('tab.label'), children: <OrgRisks orgId={orgId} /> } : null;
}
