import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { Card, Empty, Skeleton } from 'antd';
import { RegionSelect } from './RegionSelect.js';
import { useT } from '../../i18n.js';
import { useIsMobile } from '../../lib/hooks.js';
import { RegionDetailPanel } from './RegionDetailPanel.js';
import { RegionTable } from './RegionTable.js';
import { RegionTree } from './RegionTree.js';
import { detailQuery, rootsQuery } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';

/** 区划与人口: the tree of the user's view on the left, the open node on the right (stacked on phones). */
export default function RegionsPage() {
  const t = useT(regionsMessages);
  const { code } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const roots = useQuery(rootsQuery());
  const detail = useQuery({ ...detailQuery(code ?? ''), enabled: !!code });

  // One root (a district admin's district): open it straight away.
  if (!code && roots.data?.items.length === 1) return <Navigate to={`/regions/${roots.data.items[0].code}`} replace />;

  const open = (next: string) => {
    navigate(`/regions/${next}`);
    // On a phone the detail sits below the tree: bring it into view.
    if (isMobile) setTimeout(() => document.getElementById('region-detail')?.scrollIntoView({ behavior: 'smooth' }), 80);
  };

  // Unfold the way down to the open node, and the node itself so its children show in the tree.
  const path = detail.data
    ? [...detail.data.ancestors.map((a) => a.code), ...(detail.data.childCount > 0 ? [detail.data.code] : [])]
    : undefined;

  return (
    <div className="regions-page">
      <Card className="regions-tree-panel no-print" size="small" styles={{ body: { padding: 12 } }}>
        <RegionSelect className="regions-search" searchIcon clearOnSelect onChange={(c) => c && open(c)} />
        <RegionTree selected={code} path={path} onSelect={open} />
      </Card>
      <div className="regions-detail-panel" id="region-detail">
        {code ? (
          <RegionDetailPanel code={code} onOpen={open} />
        ) : roots.isPending ? (
          <Card>
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        ) : (roots.data?.items.length ?? 0) > 0 ? (
          <Card title={t('region.scope')} styles={{ body: { padding: 0 } }}>
            <RegionTable items={roots.data!.items} onOpen={open} />
          </Card>
        ) : (
          <Card>
            <Empty description={t('region.selectHint')} />
          </Card>
        )}
      </div>
    </div>
  );
}
