import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Empty, Select, Skeleton, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowUpOutlined, CloseOutlined, PrinterOutlined } from '@ant-design/icons';
import { RATE_FIGURES } from '../../../shared/schemas/annual-reports.js';
import { useCurrentUser } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate } from '../../lib/format.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { currentReportYear, rateOrgsQuery, ratesQuery, type RateFigure, type RateOrg, type RatesResponse } from './annual-reports.api.js';
import { annualMessages } from './annual-reports.messages.js';
import { ConclusionTag, ReportStatusTag } from './report-tags.js';
import './annual-reports.css';

type Node = RatesResponse['node'] & { own?: boolean };
type Row = { key: string; node: Node; kind: 'child' | 'own' | 'total' };

// A region code's parent by its length: community 12 → street 9 → district 6 → city 4 → province 2.
const PARENT_LENGTH: Record<number, number> = { 15: 12, 12: 9, 9: 6, 6: 4, 4: 2 };
const parentCode = (code: string) => (PARENT_LENGTH[code.length] ? code.slice(0, PARENT_LENGTH[code.length]) : null);

/** On a phone the three rates come first, beside the area's name; the counts behind them scroll in after. */
const PHONE_ORDER = ['node', 'inspectionRate', 'reportRate', 'passRate', 'due', 'submitted', 'concluded', 'passed', 'missing'];

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`);

/**
 * `/annual-reports/rates/:code?`: report rate, inspection rate and pass rate of a node's children as of a date,
 * each count a link to the named organizations behind it; a child's name drills down to its own children.
 * State lives in the address: ?year=&asOf=&figure=&of=&page=.
 */
export default function AnnualRatesPage() {
  const t = useT(annualMessages);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { code } = useParams();
  const [params, set] = useUrlFilters();
  const thisYear = currentReportYear();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const asOf = params.get('asOf') && dayjs(params.get('asOf')).isValid() ? params.get('asOf')! : undefined;
  const region = code ?? user.regionPath.at(-1)?.code;
  const rates = useQuery(ratesQuery({ region, year, asOf }));
  const figure = oneOf(RATE_FIGURES, params.get('figure'));
  const of = params.get('of') ?? undefined;
  usePageTitle(rates.data ? `${t('rates.title')} · ${rates.data.node.region.name}` : t('rates.title'));

  const keep = () => new URLSearchParams({ ...(params.get('year') ? { year: String(year) } : {}), ...(asOf ? { asOf } : {}) }).toString();
  const hrefOf = (c: string) => `/annual-reports/rates/${c}${keep() ? `?${keep()}` : ''}`;

  if (rates.isError) return <LoadError error={rates.error} onRetry={() => rates.refetch()} />;
  const data = rates.data;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const parent = user.regionPath.length > 0 && data.node.region.code !== user.regionPath.at(-1)?.code ? parentCode(data.node.region.code) : null;

  const rows: Row[] = [
    ...data.children.map((c) => ({ key: c.region.code + (c.own ? '-own' : ''), node: c, kind: c.own ? ('own' as const) : ('child' as const) })),
    { key: 'total', node: data.node, kind: 'total' as const },
  ];
  const count = (r: Row, f: RateFigure, n: number) =>
    r.kind === 'own' || n === 0 ? (
      <span className="ar-rates-num">{n.toLocaleString('zh-CN')}</span>
    ) : (
      <a
        role="button"
        className="ar-rates-num"
        data-testid={`rate-${f}-${r.node.region.code}`}
        onClick={() => set({ figure: f, of: r.node.region.code })}
      >
        {n.toLocaleString('zh-CN')}
      </a>
    );
  const figureLabel = (f: RateFigure) => t(`rates.${f}`);
  const columns: TableColumnsType<Row> = [
            {
              title: t('rates.node'),
              key: 'node',
              fixed: 'left',
              render: (_: unknown, r) =>
                r.kind === 'total' ? (
                  <strong>{t('rates.total')}</strong>
                ) : r.kind === 'own' ? (
                  <span data-testid="rates-own">
                    <Data>{data.node.region.name}</Data>
                    {t('rates.own', { name: '' })}
                  </span>
                ) : (
                  <Link to={hrefOf(r.node.region.code)} data-testid={`rates-drill-${r.node.region.code}`}>
                    <Data>{r.node.region.name}</Data>
                  </Link>
                ),
            },
            { title: t('rates.due'), key: 'due', align: 'right', render: (_: unknown, r) => count(r, 'due', r.node.figures.due) },
            { title: t('rates.submitted'), key: 'submitted', align: 'right', render: (_: unknown, r) => count(r, 'submitted', r.node.figures.submitted) },
            { title: t('rates.reportRate'), key: 'reportRate', align: 'right', render: (_: unknown, r) => <span className="ar-rate">{pct(r.node.figures.reportRate)}</span> },
            { title: t('rates.concluded'), key: 'concluded', align: 'right', render: (_: unknown, r) => count(r, 'concluded', r.node.figures.concluded) },
            {
              title: t('rates.inspectionRate'),
              key: 'inspectionRate',
              align: 'right',
              render: (_: unknown, r) => (
                <span className="ar-rate" data-testid={`inspection-rate-${r.kind === 'total' ? 'total' : r.node.region.code}`}>
                  {pct(r.node.figures.inspectionRate)}
                </span>
              ),
            },
            { title: t('rates.passed'), key: 'passed', align: 'right', render: (_: unknown, r) => count(r, 'passed', r.node.figures.passed) },
            { title: t('rates.passRate'), key: 'passRate', align: 'right', render: (_: unknown, r) => <span className="ar-rate">{pct(r.node.figures.passRate)}</span> },
            { title: t('rates.missing'), key: 'missing', align: 'right', render: (_: unknown, r) => count(r, 'missing', r.node.figures.missing) },
  ];

  return (
    <div className="ar-rates-page">
      <div className="stats-head">
        <div>
          <Typography.Title level={3} className="stats-title">
            {t('rates.title')} · <Data>{data.node.region.name}</Data>
          </Typography.Title>
          <Typography.Text type="secondary">{t('rates.source', { d: data.asOf, year: data.year })}</Typography.Text>
        </div>
        <Space wrap className="no-print">
          {parent && (
            <Button icon={<ArrowUpOutlined />} onClick={() => navigate(hrefOf(parent))}>
              {t('rates.back')}
            </Button>
          )}
          <span>{t('rates.year')}</span>
          <Select
            aria-label={t('rates.year')}
            value={year}
            style={{ width: 120 }}
            options={Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: t('ar.yearValue', { year: y }) }))}
            onChange={(y: number) => set({ year: y === thisYear ? null : String(y), figure: null, of: null })}
          />
          <span>{t('rates.asOf')}</span>
          <DatePicker
            aria-label={t('rates.asOf')}
            value={asOf ? dayjs(asOf) : null}
            placeholder={t('rates.today')}
            onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : null })}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            inputReadOnly
          />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('common.print')}
          </Button>
        </Space>
      </div>
      <Card size="small" className="stats-card" title={t('rates.title')} extra={<span className="stats-source">{t('rates.orgsHint')}</span>}>
        {data.children.length === 0 && <Empty description={t('rates.noChildren')} />}
        <Table<Row>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={isMobile ? { x: 720 } : { x: true }}
          rowClassName={(r) => (r.kind === 'total' ? 'stats-total-row' : '')}
          data-testid="rates-table"
          columns={isMobile ? PHONE_ORDER.map((k) => columns.find((c) => c.key === k)!) : columns}
        />
        <Typography.Paragraph type="secondary" className="ar-formula">
          {t('rates.formula')}
        </Typography.Paragraph>
      </Card>
      {figure && of && (
        <RateOrgs
          region={of}
          regionName={of === data.node.region.code ? data.node.region.name : (data.children.find((c) => c.region.code === of)?.region.name ?? of)}
          year={year}
          asOf={asOf}
          figure={figure}
          label={figureLabel(figure)}
          page={intParam(params, 'page', 1)}
          onPage={(p) => set({ page: p === 1 ? null : p })}
          onClose={() => set({ figure: null, of: null })}
        />
      )}
    </div>
  );
}

/** The named organizations behind one figure of one node. */
function RateOrgs(props: { region: string; regionName: string; year: number; asOf?: string; figure: RateFigure; label: string; page: number; onPage: (p: number) => void; onClose: () => void }) {
  const t = useT(annualMessages);
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const status = (o: RateOrg) =>
    o.status ? o.reportId ? <Link to={`/annual-reports/${o.reportId}`}><ReportStatusTag status={o.status} /></Link> : <ReportStatusTag status={o.status} /> : '—';
  const name = (o: RateOrg) => <Link to={`/orgs/${o.id}?tab=annual`}><Data>{o.name}</Data></Link>;
  const q = useQuery(rateOrgsQuery({ region: props.region, year: props.year, asOf: props.asOf, figure: props.figure, page: props.page, pageSize: 20 }));
  return (
    <Card
      size="small"
      className="stats-card"
      data-testid="rate-orgs"
      title={
        <>
          {t('rates.orgs', { figure: props.label })}
          <Data>{props.regionName}</Data>
        </>
      }
      extra={
        <Button type="text" icon={<CloseOutlined />} onClick={props.onClose} className="no-print">
          {t('rates.close')}
        </Button>
      }
    >
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<RateOrg>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ current: props.page, pageSize: 20, total: q.data?.total ?? 0, onChange: props.onPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
          columns={
            isMobile
              ? [
                  {
                    title: t('ar.col.org'),
                    key: 'summary',
                    render: (_: unknown, o) => (
                      <div className="review-summary">
                        {name(o)}
                        <div>
                          {labels.legalForm(o.legalForm)} · <Data>{o.region.name}</Data>
                        </div>
                        <div>
                          <span className="mono">{o.dueOn}</span> {status(o)} <ConclusionTag conclusion={o.conclusion} />
                        </div>
                      </div>
                    ),
                  },
                ]
              : [
                  { title: t('ar.col.org'), dataIndex: 'name', render: (_: string, o) => name(o) },
                  { title: t('ar.col.kind'), dataIndex: 'legalForm', render: (f: RateOrg['legalForm']) => labels.legalForm(f) },
                  { title: t('ar.col.place'), key: 'region', render: (_: unknown, o) => <Data>{o.region.name}</Data> },
                  { title: t('ar.col.due'), dataIndex: 'dueOn', render: (d: string) => <span className="mono">{d}</span> },
                  { title: t('ar.col.status'), key: 'status', render: (_: unknown, o) => status(o) },
                  { title: t('ar.col.submitted'), dataIndex: 'submittedAt', render: (v: string | null) => <span className="mono">{v ? formatDate(v) : '—'}</span> },
                  { title: t('ar.col.conclusion'), dataIndex: 'conclusion', render: (c: RateOrg['conclusion']) => <ConclusionTag conclusion={c} /> },
                ]
          }
        />
      )}
    </Card>
  );
}
