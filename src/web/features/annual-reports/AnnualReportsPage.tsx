import { Link, useNavigate } from 'react-router-dom';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Input, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { ANNUAL_REPORT_STATUSES, CONCLUSIONS } from '../../../shared/schemas/annual-reports.js';
import { useCan, useCurrentUser } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { LoadError } from '../../components/LoadError.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { reviewsQuery, type ReviewListItem } from '../reviews/reviews.api.js';
import { currentReportYear, reportsQuery, type AnnualReportListItem, type ReportListParams } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';
import { OwnReportCard } from './OwnReportCard.js';
import { ConclusionTag, DueInfo, ReportStatusTag } from './report-tags.js';
import './annual-reports.css';

const FILTER_KEYS = ['q', 'status', 'conclusion', 'region'] as const;
type Sort = 'due' | '-due' | 'submitted' | '-submitted' | 'name';
const SORTS: Sort[] = ['due', '-due', 'submitted', '-submitted', 'name'];

function readParams(params: URLSearchParams): ReportListParams & { sort?: Sort } {
  const year = Number(params.get('year'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentReportYear(),
    status: oneOf(ANNUAL_REPORT_STATUSES, params.get('status')),
    conclusion: oneOf(CONCLUSIONS, params.get('conclusion')),
    region: params.get('region') || undefined,
    q: params.get('q')?.trim() || undefined,
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
    sort: oneOf(SORTS, params.get('sort')),
  };
}

// The list answers in the server's order (year, newest first, then the organization's name); the column sorters
// order the page in view (the list route takes no sort parameter yet).
const compare: Record<string, (a: AnnualReportListItem, b: AnnualReportListItem) => number> = {
  due: (a, b) => a.dueOn.localeCompare(b.dueOn),
  submitted: (a, b) => (a.submittedAt ?? '9').localeCompare(b.submittedAt ?? '9'),
  name: (a, b) => a.org.name.localeCompare(b.org.name, 'zh-CN'),
};
const sortOrder = (sort: Sort | undefined, key: string) => (sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null);

/**
 * `/annual-reports`: 年报/年检. A reviewer sees first the reports at their step (the review chain's queue of the kind
 * annual_report), then every report of the year in their area by status, with counts; a leader sees their own
 * organization's reports and files this year's.
 */
export default function AnnualReportsPage() {
  const t = useT(annualMessages);
  const can = useCan();
  const user = useCurrentUser();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const reviewer = can('review.decide');
  const leader = user.role === 'org_leader';
  const tab = oneOf(['mine', 'all'] as const, params.get('tab')) ?? (reviewer ? 'mine' : 'all');
  const mine = useQuery({ ...reviewsQuery({ queue: 'mine', kind: 'annual_report', sort: 'due', page: 1, pageSize: 100 }), enabled: reviewer });
  const mineCount = mine.data?.total ?? 0;

  const list = <ReportList p={p} update={update} leader={leader} />;
  return (
    <Card
      title={t('ar.title')}
      className="ar-page"
      extra={
        can('stats.read') && (
          <Link to={`/annual-reports/rates${p.region ? `/${p.region}` : ''}?year=${p.year}`} className="no-print">
            <BarChartOutlined /> {t('ar.ratesLink')}
          </Link>
        )
      }
    >
      {leader && <OwnReportCard orgId={user.orgId} year={currentReportYear()} />}
      {reviewer ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === (reviewer ? 'mine' : 'all') ? null : k })}
          items={[
            {
              key: 'mine',
              label: (
                <span>
                  {t('ar.tab.mine')} {mineCount > 0 && <Badge count={mineCount} color="#1b5eab" overflowCount={999} />}
                </span>
              ),
              children: <MyTurn list={mine} />,
            },
            { key: 'all', label: t('ar.tab.all'), children: list },
          ]}
        />
      ) : (
        list
      )}
    </Card>
  );
}

/** The reports waiting at my step, most urgent first (the review chain's own order). */
function MyTurn({ list }: { list: ReturnType<typeof useQuery<{ items: ReviewListItem[]; total: number }>> }) {
  const t = useT(annualMessages);
  const labels = useEnumLabels();
  const navigate = useNavigate();
  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<ReviewListItem>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items}
      pagination={false}
      rowClassName={(r) => `clickable-row${r.dueState === 'overdue' ? ' row-overdue' : ''}`}
      onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a, button') && navigate(r.link) })}
      locale={{
        emptyText: list.isPending ? ' ' : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('ar.emptyMine')}<br /><Typography.Text type="secondary">{t('ar.emptyMineHint')}</Typography.Text></span>} />
        ),
      }}
      columns={[
        { title: t('ar.col.report'), key: 'title', render: (_: unknown, r) => <Link to={r.link} className="org-name-link"><Data>{r.title}</Data></Link> },
        { title: t('ar.col.place'), key: 'place', render: (_: unknown, r) => <Tooltip title={r.regionPath}><Data>{r.region.name}</Data></Tooltip> },
        { title: t('ar.col.step'), key: 'step', render: (_: unknown, r) => (r.currentStep ? labels.reviewStep(r.currentStep) : '—') },
        {
          title: t('ar.col.stepDue'),
          key: 'due',
          render: (_: unknown, r) => (r.stepDueOn ? <Tag color={r.dueState === 'overdue' ? 'error' : r.dueState === 'due_soon' ? 'warning' : undefined} className="mono">{r.stepDueOn}</Tag> : '—'),
        },
        { title: t('ar.col.submitted'), dataIndex: 'submittedAt', key: 'submitted', render: (v: string) => <span className="mono">{formatDate(v)}</span> },
      ]}
    />
  );
}

function ReportList({ p, update, leader }: { p: ReturnType<typeof readParams>; update: (patch: Record<string, string | number | null | undefined>) => void; leader: boolean }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const enumLabels = useEnumLabels();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { sort, ...query } = p;
  // A leader sees every year of their own organization; staff one year of their area at a time.
  const listParams = leader ? { ...query, year: undefined } : query;
  const list = useQuery(reportsQuery(listParams));
  // The counts per status of the year in view (with the other filters), one small query each.
  const counts = useQueries({
    queries: ANNUAL_REPORT_STATUSES.map((status) => reportsQuery({ ...listParams, status, conclusion: undefined, page: 1, pageSize: 1 }, !leader)),
  });
  const filtered = FILTER_KEYS.some((k) => p[k] !== undefined);
  const thisYear = currentReportYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
  const rows = [...(list.data?.items ?? [])];
  if (sort) {
    const key = sort.replace('-', '');
    rows.sort((a, b) => (sort.startsWith('-') ? -1 : 1) * compare[key]!(a, b));
  }

  const orgCell = (r: AnnualReportListItem) => (
    <Link to={`/annual-reports/${r.id}`} className="org-name-link">
      <Data>{r.org.name}</Data>
    </Link>
  );
  const kindTag = (r: AnnualReportListItem) => <Tag variant="outlined" color={r.legalForm === 'filed' ? 'blue' : 'geekblue'}>{t(r.legalForm === 'filed' ? 'ar.kind.report' : 'ar.kind.inspection')}</Tag>;
  const columns: TableColumnsType<AnnualReportListItem> = isMobile
    ? [
        {
          title: t('ar.col.org'),
          key: 'summary',
          render: (_: unknown, r) => (
            <div className="review-summary">
              {orgCell(r)}
              <div>
                {t('ar.yearValue', { year: r.year })} {kindTag(r)}
                <ReportStatusTag status={r.status} />
                <ConclusionTag conclusion={r.conclusion} />
              </div>
              <DueInfo item={r} />
              <div className="org-summary-path" data-value="">{r.regionPath}</div>
            </div>
          ),
        },
      ]
    : [
        { title: t('ar.col.org'), key: 'name', sorter: true, sortOrder: sortOrder(sort, 'name'), render: (_: unknown, r) => orgCell(r) },
        { title: t('ar.col.year'), dataIndex: 'year', key: 'year' },
        { title: t('ar.col.kind'), key: 'kind', render: (_: unknown, r) => <Tooltip title={labels.kind(r.legalForm)}>{kindTag(r)}</Tooltip> },
        { title: t('ar.col.place'), key: 'place', render: (_: unknown, r) => <Tooltip title={r.regionPath}><Data>{r.region.name}</Data></Tooltip> },
        { title: t('ar.col.status'), key: 'status', render: (_: unknown, r) => <ReportStatusTag status={r.status} /> },
        { title: t('ar.col.step'), key: 'step', render: (_: unknown, r) => (r.currentStep ? enumLabels.reviewStep(r.currentStep) : '—') },
        { title: t('ar.col.due'), key: 'due', sorter: true, sortOrder: sortOrder(sort, 'due'), render: (_: unknown, r) => <DueInfo item={r} /> },
        {
          title: t('ar.col.submitted'),
          key: 'submitted',
          sorter: true,
          sortOrder: sortOrder(sort, 'submitted'),
          render: (_: unknown, r) => (r.submittedAt ? <Tooltip title={formatDateTime(r.submittedAt)}><span className="mono">{formatDate(r.submittedAt)}</span></Tooltip> : '—'),
        },
        { title: t('ar.col.conclusion'), key: 'conclusion', render: (_: unknown, r) => <ConclusionTag conclusion={r.conclusion} /> },
      ];

  return (
    <>
      {!leader && (
        <div className="ar-counts" role="group" aria-label={t('ar.counts')}>
          {ANNUAL_REPORT_STATUSES.map((s, i) => (
            <button key={s} type="button" className="ar-count" aria-pressed={p.status === s} onClick={() => update({ status: p.status === s ? null : s })} data-testid={`count-${s}`}>
              <span>{labels.status(s)}</span>
              <span className="ar-count-n">{counts[i]?.data?.total ?? '—'}</span>
            </button>
          ))}
        </div>
      )}
      <div className="filter-bar no-print">
        {!leader && (
          <>
            <Input.Search
              key={p.q ?? ''}
              defaultValue={p.q}
              placeholder={t('ar.search')}
              allowClear
              enterButton
              maxLength={100}
              onSearch={(q) => update({ q: q.trim() })}
              className="org-search"
              aria-label={t('ar.search')}
            />
            <FilterSelect
              value={p.year}
              label={t('ar.filter.year')}
              options={years.map((y) => ({ value: y, label: t('ar.yearValue', { year: y }) }))}
              onChange={(year?: number) => update({ year: year === thisYear ? null : year })}
              className="filter-select-narrow"
            />
            <RegionSelect
              value={p.region ?? null}
              onChange={(code) => update({ region: code })}
              allowClear
              placeholder={t('ar.col.place')}
              filterLabel={t('ar.col.place')}
              className="filter-region"
            />
          </>
        )}
        <FilterSelect
          value={p.status}
          label={t('ar.filter.status')}
          allowClear
          options={ANNUAL_REPORT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          onChange={(status?: string) => update({ status })}
          className="filter-select-mid"
          popupMatchSelectWidth={false}
        />
        <FilterSelect
          value={p.conclusion}
          label={t('ar.filter.conclusion')}
          allowClear
          options={CONCLUSIONS.map((c) => ({ value: c, label: labels.conclusion(c) }))}
          onChange={(conclusion?: string) => update({ conclusion })}
          className="filter-select-mid"
          popupMatchSelectWidth={false}
        />
        {filtered && (
          <a onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))} className="filter-clear" role="button">
            {t('common.clearFilters')}
          </a>
        )}
      </div>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<AnnualReportListItem>
          rowKey="id"
          size="middle"
          dataSource={rows}
          loading={list.isFetching}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          columns={columns}
          rowClassName={() => 'clickable-row'}
          onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a, button') && navigate(`/annual-reports/${r.id}`) })}
          locale={{
            emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('ar.emptyFiltered') : t('ar.empty')} />,
          }}
          pagination={{
            current: p.page,
            pageSize: p.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            size: isMobile ? 'small' : undefined,
          }}
          onChange={(pagination, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = String(s?.columnKey ?? '');
              update({ sort: s?.order ? (s.order === 'descend' ? `-${key}` : key) : null, page: p.page === 1 ? null : p.page });
            } else update({ page: pagination.current === 1 ? null : (pagination.current ?? null), pageSize: pagination.pageSize === 20 ? null : (pagination.pageSize ?? null) });
          }}
        />
      )}
    </>
  );
}
