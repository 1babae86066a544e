import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { DeclarationTable } from './DeclarationsPage.js';
import { declarationsMessages } from './declarations.messages.js';

/** The organization record's 重大活动申报 tab: its declarations, and a new one for those who may file. */
function OrgDeclarations({ orgId }: { orgId: number }) {
  const t = useT(declarationsMessages);
  const can = useCan();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  return (
    <Space direction="vertical" size={12} className="full-width">
      {can('declaration.file') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/declarations/new?org=${orgId}`)}>
          {t('decl.new')}
        </Button>
      )}
      <DeclarationTable p={{ org: orgId, ...page }} onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })} empty={t('tab.empty')} />
    </Space>
  );
}

/** The tab for the record's tab list, or null when the viewer may not read declarations. */
export function useDeclarationsTab(orgId: number) {
  const t = useT(declarationsMessages);
  const can = useCan();
  return can('declaration.read') ? { key: 'declarations', label: t('tab.label'), children: <OrgDeclarations orgId={orgId} /> } : null;
}
