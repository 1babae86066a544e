import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { LoadError } from '../../components/LoadError.js';
import { overdueQuery, type OverdueByNode } from './applications.api.js';
import './applications.css';
import { applicationsMessages } from './applications.messages.js';

type Row = OverdueByNode['items'][number];

/** `/applications/overdue`: in-review, due-soon and overdue applications per node below mine; a node opens the one below. */
export default function OverduePage() {
  const t = useT(applicationsMessages);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const region = params.get('region') || undefined;
  // The nodes walked through to get here, so "up" goes back the same way.
  const trail = (params.get('trail') ?? '').split(',').filter(Boolean);
  const q = useQuery(overdueQuery(region));
  const items = q.data?.items ?? [];
  const totals = items.reduce((s, r) => ({ inReview: s.inReview + r.inReview, dueSoon: s.dueSoon + r.dueSoon, overdue: s.overdue + r.overdue }), { inReview: 0, dueSoon: 0, overdue: 0 });

  const drill = (r: Row) => {
    if (r.region.level >= 5) return;
    update({ region: r.region.code, trail: [...trail, region ?? ''].join(',') || null });
  };
  const up = () => {
    const parent = trail[trail.length - 1];
    update({ region: parent || null, trail: trail.slice(0, -1).join(',') || null });
  };
  const listUrl = (code: string, due?: string) => `/applications?queue=all&status=in_review&region=${code}${due ? `&due=${due}` : ''}`;
  const count = (n: number, code: string, due: string | undefined, cls: string) =>
    n > 0 ? (
      <Link to={listUrl(code, due)} className={cls}>
        {formatCount(n)}
      </Link>
    ) : (
      <Typography.Text type="secondary">0</Typography.Text>
    );

  return (
    <Card
      title={
        <Space wrap>
          {t('overdue.title')}
          {q.data && <Typography.Text type="secondary">{q.data.region.name}</Typography.Text>}
        </Space>
      }
      extra={
        !isMobile && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/applications')}>
            {t('page.back')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('overdue.hint')}</Typography.Paragraph>
      {region && (
        <Button icon={<ArrowUpOutlined />} onClick={up} className="overdue-up">
          {t('overdue.up')}
        </Button>
      )}
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<Row>
          rowKey={(r) => r.region.code}
          size="middle"
          loading={q.isFetching}
          dataSource={items}
          pagination={false}
          rowClassName={(r) => (r.overdue > 0 ? 'row-overdue' : r.dueSoon > 0 ? 'row-due-soon' : '')}
          locale={{ emptyText: q.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overdue.empty')} /> }}
          columns={[
            {
              title: t('overdue.node'),
              key: 'node',
              render: (_: unknown, r) =>
                r.region.level < 5 ? (
                  <Button type="link" className="overdue-node" onClick={() => drill(r)}>
                    {r.region.name}
                  </Button>
                ) : (
                  r.region.name
                ),
            },
            ...(isMobile ? [] : [{ title: t('overdue.regionCode'), key: 'code', render: (_: unknown, r: Row) => <span className="mono">{r.region.code}</span> }]),
            { title: t('overdue.inReview'), key: 'inReview', align: 'right' as const, render: (_: unknown, r) => count(r.inReview, r.region.code, undefined, '') },
            { title: t('overdue.dueSoon'), key: 'dueSoon', align: 'right' as const, render: (_: unknown, r) => count(r.dueSoon, r.region.code, 'due_soon', 'count-due-soon') },
            { title: t('overdue.overdue'), key: 'overdue', align: 'right' as const, render: (_: unknown, r) => count(r.overdue, r.region.code, 'overdue', 'count-overdue') },
          ]}
          summary={() =>
            items.length > 0 && (
              <Table.Summary.Row className="overdue-total">
                <Table.Summary.Cell index={0}>{t('overdue.total')}</Table.Summary.Cell>
                {!isMobile && <Table.Summary.Cell index={1} />}
                <Table.Summary.Cell index={2} align="right">{formatCount(totals.inReview)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{formatCount(totals.dueSoon)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatCount(totals.overdue)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      )}
    </Card>
  );
}
