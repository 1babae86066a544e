import { useCan } from '../../auth/session.js';
import { OrgRecordTab } from '../../components/OrgRecordTab.js';
import { useT } from '../../i18n.js';
import { DeclarationTable } from './DeclarationsPage.js';
import { declarationsMessages } from './declarations.messages.js';

/** The organization record's 重大活动申报 tab: its declarations, and a new one for those who may file. */
function OrgDeclarations({ orgId }: { orgId: number }) {
  const t = useT(declarationsMessages);
  const can = useCan();
  return (
    <OrgRecordTab newLabel={can('declaration.file') ? t('decl.new') : undefined} newPath={`/declarations/new?org=${orgId}`}>
      {(page, onChange) => <DeclarationTable p={{ org: orgId, ...page }} onChange={onChange} empty={t('tab.empty')} />}
    </OrgRecordTab>
  );
}

/** The tab for the record's tab list, or null when the viewer may not read declarations. */
export function useDeclarationsTab(orgId: number) {
  const t = useT(declarationsMessages);
  const can = useCan();
  return can('declaration.read') ? { key: 'declarations', label: t('tab.label'), children: <OrgDeclarations orgId={orgId} /> } : null;
}
