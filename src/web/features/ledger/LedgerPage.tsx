import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import type { LedgerNode, LedgerOrgRow, LedgerTotals } from '../../../shared/schemas/ledger.js';
import { errorMessage } from '../../api/client.js';
import { Data } from '../../components/Data.js';
import { useCan, useCurrentUser } from '../../auth/session.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount } from '../../lib/format.js';
import { intParam, oneOf, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { dormantQuery, ledgerKeys, ledgerOrgsQuery, totalsQuery } from './ledger.api.js';
import { ledgerMessages } from './ledger.messages.js';
import { EChart } from '../stats/EChart.js';
import { PALETTE } from '../stats/palette.js';
import { LedgerImportButton } from '../ledgerio/LedgerImportButton.js';
import { LedgerExportButtons } from '../ledgerio/LedgerExportButtons.js';

const VIEWS = ['totals', 'orgs', 'dormant'] as const;
type View = (typeof VIEWS)[number];
const hours = (m: number) => formatCount(Math.round((m / 60) * 10) / 10);
/** The parent of a division code (12 → 9 → 6 → 4 → 2 digits), for the way back up. */
const parentCode = (code: string) => (code.length > 6 ? code.slice(0, code.length - 3) : code.length > 2 ? code.slice(0, code.length - 2) : null);

/** `/ledger`: totals per child node with drill-down, every organization of a community, and dormancy per node. */
export default function LedgerPage() {
  const t = useT(ledgerMessages);
  usePageTitle(t('ledger.title'));
  const user = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const [params, patch] = useUrlFilters();
  const home = user.region?.code ?? '';
  const region = params.get('region') || home;
  const view: View = oneOf(VIEWS, params.get('view')) ?? ((user.region?.level ?? 0) >= 5 ? 'orgs' : 'totals');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const up = region !== home && region.length > home.length ? parentCode(region) : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} className="ledger-page">
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={4} style={{ margin: 0 }} className="ledger-title">{t('ledger.title')}</Typography.Title>
          <Space wrap>
            {can('activity.write') && (
              <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate('/ledger/new')}>
                {t('ledger.add')}
              </Button>
            )}
            <LedgerImportButton refresh={ledgerKeys.all} />
          </Space>
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          <Segmented<View>
            value={view}
            onChange={(v) => patch({ view: v, page: null })}
            options={VIEWS.map((v) => ({ value: v, label: t(v === 'totals' ? 'ledger.viewTotals' : v === 'orgs' ? 'ledger.viewOrgs' : 'ledger.viewDormant') }))}
          />
          {up && (
            <Button icon={<ArrowUpOutlined />} onClick={() => patch({ region: up === home ? null : up, page: null })}>
              {t('common.back')}
            </Button>
          )}
          {view !== 'dormant' && (
            <Space.Compact>
              <Input type="date" aria-label={t('ledger.period')} value={from} onChange={(e) => patch({ from: e.target.value || null })} />
              <Input type="date" aria-label={t('ledger.period')} value={to} onChange={(e) => patch({ to: e.target.value || null })} />
            </Space.Compact>
          )}
          {view !== 'dormant' && <LedgerExportButtons selection={{ region: region || undefined, from: from || undefined, to: to || undefined }} />}
        </Space>
      </Card>
      {region && view === 'totals' && <TotalsView region={region} from={from} to={to} onDrill={(code, level) => patch({ region: code, view: level >= 5 ? 'orgs' : null })} />}
      {region && view === 'orgs' && <OrgsView region={region} from={from} to={to} page={intParam(params, 'page', 1)} onPage={(p) => patch({ page: p })} />}
      {region && view === 'dormant' && <DormantView region={region} page={intParam(params, 'page', 1)} onPage={(p) => patch({ page: p })} onDrill={(code) => patch({ region: code })} />}
    </Space>
  );
}

function TotalsView({ region, from, to, onDrill }: { region: string; from: string; to: string; onDrill: (code: string, level: number) => void }) {
  const t = useT(ledgerMessages);
  const q = useQuery(totalsQuery(region, from, to));
  if (q.isPending) return <Card><Skeleton active /></Card>;
  if (q.isError) return <Card><Empty description={errorMessage(q.error)} /></Card>;
  const d = q.data;
  const name = (n: LedgerNode) => (n.region ? <Button type="link" size="small" onClick={() => onDrill(n.region!.code, n.region!.level)}><Data>{n.region.name}</Data></Button> : t('ledger.ownRow'));
  const rows = [...d.nodes.map((n, i) => ({ key: n.region?.code ?? `own-${i}`, n })), { key: 'total', n: { region: null, total: d.total, byMonth: d.byMonth, byType: d.byType } as LedgerNode }];
  const isTotal = (key: string) => key === 'total';
  return (
    <>
      <Card title={<Data>{d.region.name}</Data>} extra={<span className="mono">{d.from} – {d.to}</span>}>
        <Table
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: t('ledger.region'), key: 'r', fixed: 'left', render: (_, r) => (isTotal(r.key) ? <strong>{t('ledger.orgTotal')}</strong> : name(r.n)) },
            { title: t('ledger.activities'), key: 'a', align: 'right', render: (_, r) => formatCount(r.n.total.activities) },
            { title: t('ledger.participantsSum'), key: 'p', align: 'right', render: (_, r) => formatCount(r.n.total.participants) },
            { title: t('ledger.volunteerHoursSum'), key: 'v', align: 'right', render: (_, r) => hours(r.n.total.volunteerMinutes) },
            ...d.types.map((type, i) => ({ title: <Data>{type}</Data>, key: `t${i}`, align: 'right' as const, render: (_: unknown, r: { n: LedgerNode }) => formatCount(r.n.byType[i]?.activities ?? 0) })),
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('ledger.source')}</Typography.Paragraph>
      </Card>
      <Card title={t('ledger.byMonth')}>
        <MonthChart months={d.months} nodes={d.nodes} />
        <MonthTable months={d.months} rows={rows.map((r) => ({ key: r.key, label: isTotal(r.key) ? <strong>{t('ledger.orgTotal')}</strong> : name(r.n), byMonth: r.n.byMonth }))} />
      </Card>
    </>
  );
}

/** Activities per month over the node (ECharts, as the board draws); the table under it gives every figure per node. */
function MonthChart({ months, nodes }: { months: string[]; nodes: LedgerNode[] }) {
  const t = useT(ledgerMessages);
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('ledger.activities'), data: months.map((_, i) => nodes.reduce((sum, n) => sum + (n.byMonth[i]?.activities ?? 0), 0)) }],
    }),
    [months, nodes, t],
  );
  return <EChart option={option} height={240} label={t('ledger.byMonth')} />;
}

function MonthTable({ months, rows }: { months: string[]; rows: { key: string; label: ReactNode; byMonth: (LedgerTotals & { month: string })[] }[] }) {
  const t = useT(ledgerMessages);
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        { title: t('ledger.region'), key: 'r', fixed: 'left', render: (_, r) => r.label },
        ...months.map((m, i) => ({ title: <span className="mono">{m}</span>, key: m, align: 'right' as const, render: (_: unknown, r: (typeof rows)[number]) => formatCount(r.byMonth[i]?.activities ?? 0) })),
      ]}
    />
  );
}

function OrgsView({ region, from, to, page, onPage }: { region: string; from: string; to: string; page: number; onPage: (p: number) => void }) {
  const t = useT(ledgerMessages);
  const can = useCan();
  const navigate = useNavigate();
  const q = useQuery(ledgerOrgsQuery(region, from, to, page));
  if (q.isPending) return <Card><Skeleton active /></Card>;
  if (q.isError) return <Card><Empty description={errorMessage(q.error)} /></Card>;
  const d = q.data;
  const open = (r: LedgerOrgRow) => (can('org.read') ? <Button type="link" size="small" onClick={() => navigate(`/orgs/${r.id}?tab=ledger`)}><Data>{r.name}</Data></Button> : <Data>{r.name}</Data>);
  return (
    <Card title={<Data>{d.region.name}</Data>} extra={<span className="mono">{d.from} – {d.to}</span>}>
      <Table<LedgerOrgRow>
        size="small"
        rowKey="id"
        scroll={{ x: 'max-content' }}
        dataSource={d.items}
        pagination={{ current: page, pageSize: d.pageSize, total: d.total, onChange: onPage, showSizeChanger: false, showTotal: (n) => t('ledger.total', { n }) }}
        columns={[
          { title: t('ledger.name'), key: 'n', fixed: 'left', render: (_, r) => <Space size={4} wrap>{open(r)}{r.dormant && <Tag color="orange">{t('ledger.dormant')}</Tag>}</Space> },
          { title: t('ledger.lastActivityCol'), key: 'l', render: (_, r) => (r.lastActivityOn ? <span className="mono">{r.lastActivityOn}</span> : <Typography.Text type="secondary">{t('ledger.noActivityYet')}</Typography.Text>) },
          { title: t('ledger.activities'), key: 'a', align: 'right', render: (_, r) => formatCount(r.total.activities) },
          { title: t('ledger.participantsSum'), key: 'p', align: 'right', render: (_, r) => formatCount(r.total.participants) },
          ...d.types.map((type, i) => ({ title: <Data>{type}</Data>, key: `t${i}`, align: 'right' as const, render: (_: unknown, r: LedgerOrgRow) => formatCount(r.byType[i]?.activities ?? 0) })),
          ...d.months.map((m, i) => ({ title: <span className="mono">{m}</span>, key: m, align: 'right' as const, render: (_: unknown, r: LedgerOrgRow) => formatCount(r.byMonth[i]?.activities ?? 0) })),
        ]}
      />
    </Card>
  );
}

function DormantView({ region, page, onPage, onDrill }: { region: string; page: number; onPage: (p: number) => void; onDrill: (code: string) => void }) {
  const t = useT(ledgerMessages);
  const labels = useEnumLabels();
  const q = useQuery(dormantQuery(region, page));
  if (q.isPending) return <Card><Skeleton active /></Card>;
  if (q.isError) return <Card><Empty description={errorMessage(q.error)} /></Card>;
  const d = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('ledger.dormantRule', { m: d.months.join('/') || 12 })} />
      <Card title={<Data>{d.region.name}</Data>} extra={<span className="mono">{d.asOf}</span>}>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.region?.code ?? 'own'}
          dataSource={d.nodes}
          columns={[
            { title: t('ledger.region'), key: 'r', render: (_, r) => (r.region ? <Button type="link" size="small" onClick={() => onDrill(r.region!.code)}><Data>{r.region.name}</Data></Button> : t('ledger.ownRow')) },
            { title: t('ledger.dormantCount'), key: 'd', align: 'right', render: (_, r) => (r.dormant > 0 ? <strong>{formatCount(r.dormant)}</strong> : '0') },
            { title: t('ledger.inOperation'), key: 'o', align: 'right', render: (_, r) => formatCount(r.inOperation) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t('ledger.orgTotal')}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><strong>{formatCount(d.total.dormant)}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{formatCount(d.total.inOperation)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card title={t('ledger.orgList')}>
        <Table
          size="small"
          rowKey="id"
          dataSource={d.items}
          locale={{ emptyText: t('ledger.noDormant') }}
          pagination={{ current: page, pageSize: d.pageSize, total: d.itemsTotal, onChange: onPage, showSizeChanger: false, showTotal: (n) => t('ledger.total', { n }) }}
          columns={[
            { title: t('ledger.name'), key: 'n', render: (_, r) => <Space size={4} wrap><Data>{r.name}</Data>{r.statutoryMet && <Tag color="red">{t('ledger.statuteShort')}</Tag>}</Space> },
            { title: t('ledger.region'), key: 'r', render: (_, r) => <Data>{r.region.name}</Data> },
            { title: t('ledger.form'), key: 'f', render: (_, r) => labels.legalForm(r.legalForm as Parameters<typeof labels.legalForm>[0]) },
            { title: t('ledger.lastActivityCol'), key: 'l', render: (_, r) => (r.lastActivityOn ? <span className="mono">{r.lastActivityOn}</span> : t('ledger.noActivityYet')) },
            { title: t('ledger.since'), key: 's', render: (_, r) => <span className="mono">{r.since}</span> },
          ]}
        />
      </Card>
    </Space>
  );
}
