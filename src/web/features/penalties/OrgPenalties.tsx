import { useCan } from '../../auth/session.js';
import { OrgRecordTab } from '../../components/OrgRecordTab.js';
import { useT } from '../../i18n.js';
import { PenaltyTable } from './PenaltiesPage.js';
import { penaltiesMessages } from './penalties.messages.js';

/** The organization record's 行政处罚 tab: its penalties, and a new one for the district. */
function OrgPenalties({ orgId }: { orgId: number }) {
  const t = useT(penaltiesMessages);
  const can = useCan();
  return (
    <OrgRecordTab newLabel={can('penalty.write') ? t('pen.new') : undefined} newPath={`/penalties/new?org=${orgId}`}>
      {(page, onChange) => <PenaltyTable p={{ org: orgId, ...page }} withOrg={false} onChange={onChange} empty={t('pen.empty')} />}
    </OrgRecordTab>
  );
}

/** The tab for the record's tab list, or null when the viewer may not read penalties. */
export function usePenaltiesTab(orgId: number) {
  const t = useT(penaltiesMessages);
  const can = useCan();
  return can('penalty.read') ? { key: 'penalties', label: t('tab.label'), children: <OrgPenalties orgId={orgId} /> } : null;
}
