import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { useT } from '../../i18n.js';
import { PenaltyTable } from './PenaltiesPage.js';
import { penaltiesMessages } from './penalties.messages.js';

/** The organization record's 行政处罚 tab: its penalties, and a new one for the district. */
function OrgPenalties({ orgId }: { orgId: number }) {
  const t = useT(penaltiesMessages);
  const can = useCan();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  return (
    <Space direction="vertical" size={12} className="full-width">
      {can('penalty.write') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/penalties/new?org=${orgId}`)}>
          {t('pen.new')}
        </Button>
      )}
      <PenaltyTable p={{ org: orgId, ...page }} withOrg={false} onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })} empty={t('pen.empty')} />
    </Space>
  );
}

/** The tab for the record's tab list, or null when the viewer may not read penalties. */
export function usePenaltiesTab(orgId: number) {
  const t = useT(penaltiesMessages);
  const can = useCan();
  return can('penalty.read') ? { key: 'penalties', label: t('tab.label'), children: <OrgPenalties orgId={orgId} /> } : null;
}
