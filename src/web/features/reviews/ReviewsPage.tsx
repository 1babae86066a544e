import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Input, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilterSelect } from '../../components/FilterSelect.js';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { ListTable } from '../../components/ListTable.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters, oneOf } from '../../lib/hooks.js';
import { urlTableChange } from '../../lib/table-url.js';
import { reviewCountsQuery, reviewsQuery, type ReviewDueState, type ReviewListItem, type ReviewListParams, type ReviewStatus } from './reviews.api.js';
import { reviewsMessages } from './reviews.messages.js';
import './reviews.css';

const STATUSES: ReviewStatus[] = ['in_review', 'returned', 'approved', 'rejected', 'withdrawn'];
const DUE_STATES: ReviewDueState[] = ['overdue', 'due_soon', 'on_time'];
const STATUS_COLORS: Record<ReviewStatus, string> = { in_review: 'processing', returned: 'warning', approved: 'success', rejected: 'error', withdrawn: 'default' };
const FILTER_KEYS = ['q', 'kind', 'status', 'due'] as const;

function readParams(params: URLSearchParams): ReviewListParams {
  const queue = oneOf(['mine', 'all'] as const, params.get('queue')) ?? 'mine';
  return {
    queue,
    kind: params.get('kind') || undefined,
    status: oneOf(STATUSES, params.get('status')),
    due: oneOf(DUE_STATES, params.get('due')),
    q: params.get('q')?.trim() || undefined,
    // To-dos most urgent first; everything else newest first.
    sort: queue === 'mine' ? 'due' : '-updated',
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

function DueCell({ item }: { item: ReviewListItem }) {
  const rt = useT(reviewsMessages);
  if (!item.dueState || !item.stepDueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const date = rt('reviews.due.on', { date: item.stepDueOn });
  const tag =
    item.dueState === 'overdue' ? (
      <Tag color="error" icon={<ExclamationCircleOutlined />} className="due-tag due-overdue">{`${rt('reviews.due.overdue')} · ${date}`}</Tag>
    ) : item.dueState === 'due_soon' ? (
      <Tag color="warning" icon={<ClockCircleOutlined />} className="due-tag due-soon">{`${rt('reviews.due.due_soon')} · ${date}`}</Tag>
    ) : (
      <Tag className="due-tag due-ok">{`${rt('reviews.due.on_time')} · ${date}`}</Tag>
    );
  return item.dueUncertain ? <Tooltip title={rt('reviews.due.uncertain')}>{tag}</Tooltip> : tag;
}

/**
 * `/reviews`: the to-do queue over every subject kind of the review chain (issue 11 item 3) — the items waiting at
 * my step and my returned ones, or everything in my area; each row opens the item on its own page, where it is
 * decided with its own fields.
 */
export default function ReviewsPage() {
  const rt = useT(reviewsMessages);
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const list = useQuery(reviewsQuery(p));
  const counts = useQuery(reviewCountsQuery());
  const kinds = counts.data?.byKind ?? [];
  const filtered = FILTER_KEYS.some((k) => p[k] !== undefined);
  const clearFilters = () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));

  const titleCell = (r: ReviewListItem) => (
    <Link to={r.link} className="org-name-link">
      {r.title}
    </Link>
  );
  const kindCell = (r: ReviewListItem) => (
    <Tag color="blue" variant="outlined">
      {r.kindLabel}
    </Tag>
  );
  const stepCell = (r: ReviewListItem) =>
    r.currentStep ? (
      <span>
        {labels.reviewStep(r.currentStep)}
        {r.status === 'returned' && <Typography.Text type="secondary">{` · ${labels.reviewStatus('returned')}`}</Typography.Text>}
      </span>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const statusCell = (s: ReviewStatus) => <Tag color={STATUS_COLORS[s]}>{labels.reviewStatus(s)}</Tag>;

  const desktopColumns: TableColumnsType<ReviewListItem> = [
    { title: rt('reviews.col.kind'), key: 'kind', render: (_: unknown, r) => kindCell(r) },
    { title: rt('reviews.col.title'), key: 'title', render: (_: unknown, r) => titleCell(r) },
    {
      title: rt('reviews.col.place'),
      key: 'place',
      render: (_: unknown, r) => (
        <Tooltip title={r.regionPath}>
          <span>{r.region.name}</span>
        </Tooltip>
      ),
    },
    { title: rt('reviews.col.step'), key: 'step', render: (_: unknown, r) => stepCell(r) },
    { title: rt('reviews.col.status'), dataIndex: 'status', key: 'status', render: statusCell },
    { title: rt('reviews.col.due'), key: 'due', render: (_: unknown, r) => <DueCell item={r} /> },
    {
      title: rt('reviews.col.submitted'),
      dataIndex: 'submittedAt',
      key: 'submitted',
      render: (v: string) => (
        <Tooltip title={formatDateTime(v)}>
          <span className="mono">{formatDate(v)}</span>
        </Tooltip>
      ),
    },
  ];
  const phoneColumns: TableColumnsType<ReviewListItem> = [
    {
      title: rt('reviews.col.title'),
      key: 'summary',
      render: (_: unknown, r) => (
        <div className="review-summary">
          {titleCell(r)}
          <div>
            {kindCell(r)}
            {statusCell(r.status)}
          </div>
          {r.currentStep && <div>{stepCell(r)}</div>}
          <DueCell item={r} />
          <div className="org-summary-path">{r.regionPath}</div>
        </div>
      ),
    },
  ];

  const mineLabel = (
    <span>
      {rt('reviews.tab.mine')}{' '}
      {counts.data && counts.data.mine > 0 && <Badge count={counts.data.mine} color={counts.data.overdue > 0 ? '#cf1322' : '#1b5eab'} overflowCount={999} />}
    </span>
  );
  const empty = list.isPending ? (
    ' '
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('reviews.empty.filtered')} />
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <span>
          {rt('layout.todoNone')}
          <br />
          <Typography.Text type="secondary">{rt('reviews.empty.mineHint')}</Typography.Text>
        </span>
      }
    />
  );

  return (
    <Card title={rt('nav.reviews')} className="reviews-page">
      <Tabs
        activeKey={p.queue}
        items={[
          { key: 'mine', label: mineLabel },
          { key: 'all', label: rt('reviews.tab.all') },
        ]}
        onChange={(queue) => update({ queue })}
        className="reviews-tabs"
      />
      <div className="filter-bar no-print">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          placeholder={rt('reviews.search')}
          allowClear
          enterButton
          maxLength={100}
          onSearch={(q) => update({ q: q.trim() })}
          className="org-search"
          aria-label={rt('reviews.search')}
        />
        <FilterSelect
          value={p.kind}
          label={rt('reviews.filter.kind')}
          allowClear
          options={kinds.map((k) => ({ value: k.kind, label: k.mine > 0 ? rt('reviews.kindCount', { label: k.label, n: k.mine }) : k.label }))}
          onChange={(kind?: string) => update({ kind })}
          className="filter-select"
          popupMatchSelectWidth={false}
          aria-label={rt('reviews.filter.kind')}
        />
        <FilterSelect
          value={p.status}
          label={rt('reviews.filter.status')}
          allowClear
          options={STATUSES.map((s) => ({ value: s, label: labels.reviewStatus(s) }))}
          onChange={(status?: string) => update({ status })}
          className="filter-select-mid"
          popupMatchSelectWidth={false}
          aria-label={rt('reviews.filter.status')}
        />
        <FilterSelect
          value={p.due}
          label={rt('reviews.filter.due')}
          allowClear
          options={DUE_STATES.map((d) => ({ value: d, label: rt(`reviews.due.${d}`) }))}
          onChange={(due?: string) => update({ due })}
          className="filter-select-narrow"
          aria-label={rt('reviews.filter.due')}
        />
        {filtered && (
          <a onClick={clearFilters} className="filter-clear" role="button">
            {rt('common.clearFilters')}
          </a>
        )}
      </div>
      <ListTable<ReviewListItem>
        list={list}
        page={p.page}
        pageSize={p.pageSize}
        columns={isMobile ? phoneColumns : desktopColumns}
        rowClassName={(r) => `clickable-row${r.dueState === 'overdue' ? ' row-overdue' : r.dueState === 'due_soon' ? ' row-due-soon' : ''}`}
        onRow={(r) => ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('a, button')) return;
            navigate(r.link);
          },
        })}
        locale={{ emptyText: empty }}
        onChange={urlTableChange<ReviewListItem>(update, [], '')}
      />
    </Card>
  );
}
