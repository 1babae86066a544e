import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Skeleton, Tag, Tooltip, Tree, type TreeDataNode } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { childrenQuery, rootsQuery, type Region } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';

export const KIND_COLORS: Record<Region['kind'], string> = {
  province: 'red',
  city: 'volcano',
  district: 'orange',
  street: 'blue',
  town: 'geekblue',
  township: 'geekblue',
  township_other: 'geekblue',
  community: 'green',
  village: 'cyan',
  grid: 'purple',
};

/** `社区（居委会）` → `社区`: the tree has room for the short form only. */
export function shortKind(label: string): string {
  return label.replace(/（.*?）|\s*\(.*?\)/g, '');
}

function TreeTitle({ region }: { region: Region }) {
  const t = useT(regionsMessages);
  const labels = useEnumLabels();
  // The node's own figure when entered, otherwise the sum entered below it.
  const figure =
    region.population !== null ? (
      <Tooltip title={t('region.population')}>
        <span className="region-tree-pop">{formatCount(region.population)}</span>
      </Tooltip>
    ) : region.populationBelow > 0 ? (
      <Tooltip title={t('region.populationBelowHint')}>
        <span className="region-tree-pop">{t('region.belowTotal', { n: formatCount(region.populationBelow) })}</span>
      </Tooltip>
    ) : null;
  return (
    <span className="region-tree-title">
      <span className="region-tree-name" data-value="">{region.name}</span>
      <Tag className="region-tree-tag" color={KIND_COLORS[region.kind]} variant="outlined">
        {shortKind(labels.kind(region.kind))}
      </Tag>
      {figure}
    </span>
  );
}

interface Props {
  selected?: string;
  /** Codes from the top of the view down to the selected node: opened so the node and its children show. */
  path?: string[];
  onSelect: (code: string) => void;
}

/** The user's part of the hierarchy, loaded one level at a time as nodes are opened. */
export function RegionTree({ selected, path, onSelect }: Props) {
  const t = useT(regionsMessages);
  const queryClient = useQueryClient();
  const roots = useQuery(rootsQuery());
  const [expanded, setExpanded] = useState<string[]>([]);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Opening a node from search or a link unfolds the way down to it.
  const pathKey = path?.join(',') ?? '';
  useEffect(() => {
    if (!pathKey) return;
    setExpanded((prev) => [...new Set([...prev, ...pathKey.split(',')])]);
  }, [pathKey]);

  // One Map of the opened nodes' children: TanStack re-runs `combine` only when a result (or the function) changes,
  // so the tree below is rebuilt when children arrive, not on every render.
  const byCode = useCallback(
    (results: { data?: { items: Region[] } }[]) => new Map<string, Region[] | undefined>(expanded.map((code, i) => [code, results[i]?.data?.items])),
    [expanded],
  );
  const childrenOf = useQueries({ queries: expanded.map((code) => childrenQuery(code)), combine: byCode });

  const treeData = useMemo(() => {
    const build = (r: Region): TreeDataNode => ({
      key: r.code,
      title: <TreeTitle region={r} />,
      isLeaf: r.childCount === 0,
      children: childrenOf.get(r.code)?.map(build),
    });
    return (roots.data?.items ?? []).map(build);
  }, [roots.data, childrenOf]);

  // Keep the selected node in sight inside the tree's own scroll area.
  useEffect(() => {
    const box = scrollRef.current;
    const node = box?.querySelector<HTMLElement>('.ant-tree-treenode-selected');
    if (!box || !node) return;
    const top = node.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - node.offsetHeight) {
      box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3) });
    }
  }, [selected, treeData]);

  if (roots.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (roots.isError) return <Empty description={`${t('common.loadFailed')}：${errorMessage(roots.error)}`} />;
  if (treeData.length === 0) return <Empty description={t('region.treeEmpty')} />;

  return (
    <div className="region-tree-scroll" ref={scrollRef}>
      <Tree
        className="region-tree"
        aria-label={t('region.tree')}
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selected ? [selected] : []}
        onSelect={(_keys, info) => onSelect(String(info.node.key))}
        loadData={async (node) => {
          await queryClient.ensureQueryData(childrenQuery(String(node.key)));
        }}
        switcherIcon={<DownOutlined />}
        blockNode
        showLine={false}
      />
    </div>
  );
}
