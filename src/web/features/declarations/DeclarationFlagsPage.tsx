import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { Data, ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { flagsQuery, type DeclarationFlags } from './declarations.api.js';
import { declarationsMessages } from './declarations.messages.js';
import './declarations.css';

type NodeRow = DeclarationFlags['nodes'][number];
type FlagRow = DeclarationFlags['flagged']['items'][number];
type OverdueRow = DeclarationFlags['overdue']['items'][number];

/**
 * `/declarations/flags?region=`: per node below, the ledger activities that needed a declaration and have no approved
 * one, and the summaries past their due date, with the lists behind the counts; a node opens the one below.
 */
export default function DeclarationFlagsPage() {
  const t = useT(declarationsMessages);
  usePageTitle(t('flags.title'));
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const region = params.get('region') || undefined;
  const trail = (params.get('trail') ?? '').split(',').filter(Boolean);
  const page = intParam(params, 'page', 1);
  const pageSize = intParam(params, 'pageSize', 20, 200);
  const q = useQuery(flagsQuery({ region, page, pageSize }));
  const nodes = q.data?.nodes ?? [];
  const totals = nodes.reduce((s, r) => ({ flagged: s.flagged + r.flagged, overdue: s.overdue + r.overdueSummaries }), {
    flagged: q.data?.atNode.flagged ?? 0,
    overdue: q.data?.atNode.overdueSummaries ?? 0,
  });
  const drill = (r: NodeRow) => update({ region: r.region.code, trail: [...trail, region ?? ''].join(',') || null });
  const up = () => update({ region: trail[trail.length - 1] || null, trail: trail.slice(0, -1).join(',') || null });
  const count = (n: number, cls: string) => (n > 0 ? <span className={cls}>{formatCount(n)}</span> : <Typography.Text type="secondary">0</Typography.Text>);
  // The reasons are the server's sentences with the district's numbers: shown as the server's text.
  const reason = (r: string) => <ServerText>{r}</ServerText>;

  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Space direction="vertical" size={12} className="full-width decl-flags-page">
      <Card
        title={
          <Space wrap>
            {t('flags.title')}
            {q.data && (
              <Typography.Text type="secondary">
                <Data>{q.data.region.name}</Data>
              </Typography.Text>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('flags.hint')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('decl.ruleNote')}</Typography.Paragraph>
        {region && (
          <Button icon={<ArrowUpOutlined />} onClick={up} className="overdue-up">
            {t('flags.up')}
          </Button>
        )}
        <Table<NodeRow>
          rowKey={(r) => r.region.code}
          size="middle"
          loading={q.isFetching}
          dataSource={nodes}
          pagination={false}
          rowClassName={(r) => (r.flagged + r.overdueSummaries > 0 ? 'row-overdue' : '')}
          locale={{ emptyText: q.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            {
              title: t('flags.node'),
              key: 'node',
              render: (_: unknown, r) =>
                r.region.level < 6 ? (
                  <Button type="link" className="overdue-node" onClick={() => drill(r)}>
                    <Data>{r.region.name}</Data>
                  </Button>
                ) : (
                  <Data>{r.region.name}</Data>
                ),
            },
            ...(isMobile ? [] : [{ title: t('flags.code'), key: 'code', render: (_: unknown, r: NodeRow) => <span className="mono">{r.region.code}</span> }]),
            { title: t('flags.flagged'), key: 'flagged', align: 'right' as const, render: (_: unknown, r) => count(r.flagged, 'count-overdue') },
            { title: t('flags.overdue'), key: 'overdue', align: 'right' as const, render: (_: unknown, r) => count(r.overdueSummaries, 'count-overdue') },
          ]}
          summary={() =>
            q.data && (
              <>
                {q.data.atNode.flagged + q.data.atNode.overdueSummaries > 0 && (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('flags.atNode')}</Table.Summary.Cell>
                    {!isMobile && <Table.Summary.Cell index={1} />}
                    <Table.Summary.Cell index={2} align="right">{formatCount(q.data.atNode.flagged)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">{formatCount(q.data.atNode.overdueSummaries)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
                <Table.Summary.Row className="overdue-total">
                  <Table.Summary.Cell index={0}>{t('flags.total')}</Table.Summary.Cell>
                  {!isMobile && <Table.Summary.Cell index={1} />}
                  <Table.Summary.Cell index={2} align="right">{formatCount(totals.flagged)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{formatCount(totals.overdue)}</Table.Summary.Cell>
                </Table.Summary.Row>
              </>
            )
          }
        />
      </Card>
      <Card title={t('flags.listFlagged', { n: formatCount(q.data?.flagged.total ?? 0) })} size="small">
        <Table<FlagRow>
          rowKey="id"
          size="small"
          dataSource={q.data?.flagged.items}
          loading={q.isFetching}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          pagination={{ current: page, pageSize, total: q.data?.flagged.total ?? 0, onChange: (p, s) => update({ page: p === 1 ? null : p, pageSize: s === 20 ? null : s }), size: isMobile ? 'small' : undefined }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flags.noneFlagged')} /> }}
          columns={[
            { title: t('flags.col.activity'), key: 'title', render: (_: unknown, r) => <Data>{r.title}</Data> },
            { title: t('flags.col.org'), key: 'org', render: (_: unknown, r) => <Data>{r.org.name}</Data> },
            { title: t('flags.col.held'), key: 'held', render: (_: unknown, r) => <span className="mono">{r.heldOn}</span> },
            {
              title: t('flags.col.reasons'),
              key: 'reasons',
              render: (_: unknown, r) => (
                <ul className="decl-flag-reasons">
                  {r.reasons.map((x) => (
                    <li key={x}>{reason(x)}</li>
                  ))}
                </ul>
              ),
            },
            {
              title: t('flags.col.declaration'),
              key: 'decl',
              render: (_: unknown, r) =>
                r.declaration ? (
                  <Link to={`/declarations/${r.declaration.id}`}>
                    <Tag>{t(`decl.status.${r.declaration.status}`)}</Tag>
                  </Link>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('flags.listOverdue', { n: formatCount(q.data?.overdue.total ?? 0) })} size="small">
        <Table<OverdueRow>
          rowKey="id"
          size="small"
          dataSource={q.data?.overdue.items}
          loading={q.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flags.noneOverdue')} /> }}
          columns={[
            {
              title: t('decl.col.title'),
              key: 'title',
              render: (_: unknown, r) => (
                <Link to={`/declarations/${r.id}`}>
                  <Data>{r.title}</Data>
                </Link>
              ),
            },
            { title: t('flags.col.org'), key: 'org', render: (_: unknown, r) => <Data>{r.org.name}</Data> },
            { title: t('flags.col.due'), key: 'due', render: (_: unknown, r) => <span className="mono">{r.summaryDueOn}</span> },
            { title: t('flags.col.daysOverdue'), key: 'days', align: 'right' as const, render: (_: unknown, r) => <span className="count-overdue">{t('flags.days', { n: r.daysOverdue })}</span> },
          ]}
        />
      </Card>
    </Space>
  );
}
