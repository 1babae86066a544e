import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowUpOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Data } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { riskBoardQuery, type RiskBoard } from './risks.api.js';
import { risksMessages } from './risks.messages.js';
import { RISK_KIND_LIST, RISK_LEVEL_LIST } from './risk-parts.js';
import './risks.css';

type Counts = RiskBoard['total'];
interface Row {
  id: string;
  label: string;
  /** The node a row drills into (a child), or null (the node's own, the total). */
  code: string | null;
  /** The list filter behind the row's numbers. */
  listQuery: string;
  counts: Counts;
}

const LEVEL_CLASS = { low: 'risk-count-low', medium: 'risk-count-medium', high: 'risk-count-high' } as const;

/**
 * `/risks/board?region=`: open items by kind × level for the node's own follow-up, each node below, and the total;
 * a number opens the items behind it, a node name the board one level down.
 */
export default function RiskBoardPage() {
  const t = useT(risksMessages);
  usePageTitle(t('risk.boardTitle'));
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const region = params.get('region') || undefined;
  const trail = (params.get('trail') ?? '').split(',').filter(Boolean);
  const q = useQuery(riskBoardQuery(region));
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const board = q.data;
  const here = board?.region.code ?? region ?? '';
  const rows: Row[] = board
    ? [
        { id: 'own', label: t('board.own'), code: null, listQuery: `region=${here}&owned=true`, counts: board.own },
        ...board.nodes.map((n) => ({ id: String(n.region.id), label: n.region.name, code: n.region.code, listQuery: `region=${n.region.code}`, counts: n.counts })),
        { id: 'total', label: t('board.total'), code: null, listQuery: `region=${here}`, counts: board.total },
      ]
    : [];
  const drill = (code: string) => update({ region: code, trail: [...trail, region ?? ''].join(',') || null });
  const up = () => update({ region: trail[trail.length - 1] || null, trail: trail.slice(0, -1).join(',') || null });
  const cell = (r: Row, kind: (typeof RISK_KIND_LIST)[number], level: (typeof RISK_LEVEL_LIST)[number]) => {
    const n = r.counts.byKind[kind]?.[level] ?? 0;
    if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
    return (
      <Link to={`/risks?${r.listQuery}&status=active&kind=${kind}&level=${level}`} className={LEVEL_CLASS[level]}>
        {formatCount(n)}
      </Link>
    );
  };
  const nodeCell = (r: Row) =>
    r.code ? (
      <a role="button" onClick={() => drill(r.code!)}>
        <Data>{r.label}</Data>
      </a>
    ) : (
      <strong>{r.label}</strong>
    );
  const totalCell = (r: Row) => (
    <Space size={4}>
      <Link to={`/risks?${r.listQuery}&status=active`}>{formatCount(r.counts.total)}</Link>
      {r.counts.overdue > 0 && (
        <Link to={`/risks?${r.listQuery}&status=active&overdue=true`} className="risk-count-high">
          ({t('board.overdue')} {formatCount(r.counts.overdue)})
        </Link>
      )}
    </Space>
  );
  const kindsShown = isMobile ? [] : RISK_KIND_LIST;
  const columns: TableColumnsType<Row> = [
    { title: t('board.node'), key: 'node', fixed: isMobile ? undefined : 'left', render: (_: unknown, r) => nodeCell(r) },
    { title: t('board.total'), key: 'total', render: (_: unknown, r) => totalCell(r) },
    ...kindsShown.map((kind) => ({
      title: t(`risk.kind.${kind}`),
      key: kind,
      children: RISK_LEVEL_LIST.map((level) => ({ title: t(`risk.level.${level}`), key: `${kind}-${level}`, align: 'center' as const, render: (_: unknown, r: Row) => cell(r, kind, level) })),
    })),
  ];
  return (
    <Card
      title={
        <Space wrap>
          {t('risk.boardTitle')}
          {board && (
            <Typography.Text type="secondary">
              <Data>{board.region.name}</Data> · <span className="mono">{board.today}</span>
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          {trail.length > 0 && (
            <Button icon={<ArrowUpOutlined />} onClick={up}>
              {t('board.up')}
            </Button>
          )}
          <Link to={`/risks${here ? `?region=${here}` : ''}`}>
            <Button icon={<UnorderedListOutlined />}>{t('risk.listLink')}</Button>
          </Link>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('board.hint')}</Typography.Paragraph>
      <Table<Row> rowKey="id" size="small" bordered loading={q.isFetching} dataSource={rows} columns={columns} pagination={false} scroll={isMobile ? undefined : { x: 'max-content' }} />
      {isMobile && board && (
        <Space direction="vertical" size={4} className="full-width risk-board-kinds">
          {RISK_KIND_LIST.filter((k) => board.total.byKind[k]).map((k) => (
            <div key={k}>
              <strong>{t(`risk.kind.${k}`)}</strong>{' '}
              {RISK_LEVEL_LIST.map((l) => (
                <span key={l} className="risk-board-level">
                  {t(`risk.level.${l}`)} {cell(rows[rows.length - 1]!, k, l)}
                </span>
              ))}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
