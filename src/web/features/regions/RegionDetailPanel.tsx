import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { GridCreateModal } from './GridCreateModal.js';
import { PopulationEditor } from './PopulationEditor.js';
import { RegionTable } from './RegionTable.js';
import { KIND_COLORS } from './RegionTree.js';
import { childrenQuery, detailQuery } from './regions.api.js';
import { regionsMessages } from './regions.messages.js';

const COMMUNITY_LEVEL = 5;

export function RegionDetailPanel({ code, onOpen }: { code: string; onOpen: (code: string) => void }) {
  const t = useT(regionsMessages);
  const labels = useEnumLabels();
  const can = useCan();
  const detail = useQuery(detailQuery(code));
  const region = detail.data;
  const children = useQuery({ ...childrenQuery(code), enabled: (region?.childCount ?? 0) > 0 });
  const [gridOpen, setGridOpen] = useState(false);

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Card>
        <Result
          status={gone ? '404' : 'error'}
          title={gone ? t('region.notFound') : t('common.loadFailed')}
          subTitle={gone ? undefined : errorMessage(detail.error)}
          extra={
            !gone && (
              <Button type="primary" onClick={() => detail.refetch()}>
                {t('common.retry')}
              </Button>
            )
          }
        />
      </Card>
    );
  }

  const r = region!;
  const canGrid = r.level === COMMUNITY_LEVEL && can('region.grid.create');
  const crumbs = [
    ...r.ancestors.map((a) => ({ key: a.code, title: <Link to={`/regions/${a.code}`} data-value="">{a.name}</Link> })),
    { key: r.code, title: <span data-value="">{r.name}</span> },
  ];

  return (
    <Space orientation="vertical" size="middle" className="region-detail">
      <Card
        title={<Breadcrumb className="region-crumbs" items={crumbs} />}
        extra={
          <Tooltip title={t('common.print')}>
            <Button type="text" icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print" aria-label={t('common.print')} />
          </Tooltip>
        }
      >
        <div className="region-heading">
          <Typography.Title level={4} className="region-name">
            <span data-value="">{r.name}</span>
          </Typography.Title>
          <Tag color={KIND_COLORS[r.kind]}>{labels.kind(r.kind)}</Tag>
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'code', label: t('region.code'), children: <Typography.Text copyable>{r.code}</Typography.Text> },
            { key: 'kind', label: t('region.kind'), children: labels.kind(r.kind) },
            { key: 'level', label: t('region.level'), children: labels.level(r.level) },
            {
              key: 'population',
              label: t('region.population'),
              children:
                r.population === null ? (
                  <Typography.Text type="secondary">{t('region.notEntered')}</Typography.Text>
                ) : (
                  <strong>{formatCount(r.population)}</strong>
                ),
            },
            {
              key: 'below',
              label: (
                <Tooltip title={t('region.populationBelowHint')}>
                  {t('region.populationBelow')} <QuestionCircleOutlined />
                </Tooltip>
              ),
              children: formatCount(r.populationBelow),
            },
            { key: 'updated', label: t('region.populationUpdatedAt'), children: formatDateTime(r.populationUpdatedAt) },
          ]}
        />
        {can('region.population.update') && <PopulationEditor region={r} />}
      </Card>

      <Card
        title={t('region.children', { n: r.childCount })}
        extra={
          canGrid && (
            <Button icon={<PlusOutlined />} onClick={() => setGridOpen(true)} className="no-print">
              {t('region.newGrid')}
            </Button>
          )
        }
        styles={{ body: { padding: r.childCount > 0 ? 0 : undefined } }}
      >
        {r.childCount === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('region.noChildren')} />
        ) : children.isError ? (
          <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(children.error)} />
        ) : children.isPending ? (
          <div className="card-pad">
            <Skeleton active paragraph={{ rows: 6 }} />
          </div>
        ) : (
          <RegionTable items={children.data.items} onOpen={onOpen} loading={children.isFetching && !children.isPending} />
        )}
      </Card>
      {canGrid && <GridCreateModal region={r} open={gridOpen} onClose={() => setGridOpen(false)} />}
    </Space>
  );
}
