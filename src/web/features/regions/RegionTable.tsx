import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { KIND_COLORS, shortKind } from './RegionTree.js';
import type { Region } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';

const byNullable = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

/** A list of nodes (children of the open node, or the roots of the view); a row opens its node. */
export function RegionTable({
  items,
  loading,
  onOpen,
  emptyText,
}: {
  items: Region[];
  loading?: boolean;
  onOpen: (code: string) => void;
  emptyText?: string;
}) {
  const t = useT(regionsMessages);
  const labels = useEnumLabels();
  const columns: TableColumnsType<Region> = [
    {
      title: t('region.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, r) => (
        <a
          href={`/regions/${r.code}`}
          onClick={(e) => {
            // The row handler opens it; the href keeps "open in new tab" working.
            e.preventDefault();
          }}
        >
          <span data-value="">{name}</span>
        </a>
      ),
    },
    { title: t('region.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code), defaultSortOrder: 'ascend' },
    {
      title: t('region.kind'),
      dataIndex: 'kind',
      sorter: (a, b) => a.kind.localeCompare(b.kind),
      render: (kind: Region['kind']) => (
        <Tag color={KIND_COLORS[kind]} variant="outlined">
          {shortKind(labels.kind(kind))}
        </Tag>
      ),
    },
    {
      title: t('region.population'),
      dataIndex: 'population',
      align: 'right',
      sorter: (a, b) => byNullable(a.population, b.population),
      render: (n: number | null) =>
        n === null ? <Typography.Text type="secondary">{t('region.notEntered')}</Typography.Text> : formatCount(n),
    },
    {
      title: t('region.populationBelow'),
      dataIndex: 'populationBelow',
      align: 'right',
      sorter: (a, b) => a.populationBelow - b.populationBelow,
      render: (n: number, r) => (r.childCount === 0 ? '—' : formatCount(n)),
    },
    {
      title: t('region.childCount'),
      dataIndex: 'childCount',
      align: 'right',
      sorter: (a, b) => a.childCount - b.childCount,
    },
  ];
  return (
    <Table<Region>
      className="region-table"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('region.noChildren')} /> }}
      onRow={(r) => ({ onClick: () => onOpen(r.code), className: 'clickable-row' })}
      showSorterTooltip={false}
    />
  );
}
