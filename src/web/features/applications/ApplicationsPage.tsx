import { useState, type Key } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Input, Select, Space, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilterSelect } from '../../components/FilterSelect.js';
import { CheckOutlined, FieldTimeOutlined, FilterOutlined, PlusOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  REVIEW_STEPS,
  REVIEW_STEP_ROLES,
  type ApplicationKind,
  type ApplicationStatus,
  type ReviewDecision,
  type ReviewStep,
} from '../../../shared/enums.js';
import { useCan, useCurrentUser } from '../../auth/session.js';
import { ListTable } from '../../components/ListTable.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters, oneOf } from '../../lib/hooks.js';
import { urlTableChange } from '../../lib/table-url.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { AppStatusTag, DueTag, KindTag } from './app-tags.js';
import { BatchReviewModal } from './BatchReviewModal.js';
import { applicationsQuery, useApplicationCounts, type ApplicationListItem, type ApplicationListParams, type ApplicationSort, type DueState } from './applications.api.js';
import './applications.css';

const SORTS: ApplicationSort[] = ['due', '-submitted', 'submitted', '-updated'];
const DUE_STATES: DueState[] = ['overdue', 'due_soon', 'on_time'];
const FILTER_KEYS = ['q', 'kind', 'status', 'step', 'due', 'region'] as const;

/** The step a reviewer's role acts at (community staff → 社区预审 …); none for applicants. */
export function stepOfRole(role: string): ReviewStep | null {
  return REVIEW_STEPS.find((s) => REVIEW_STEP_ROLES[s] === role) ?? null;
}

function readParams(params: URLSearchParams, reviewer: boolean): ApplicationListParams {
  const queue = oneOf(['mine', 'all'] as const, params.get('queue')) ?? (reviewer ? 'mine' : 'all');
  return {
    queue,
    q: params.get('q')?.trim() || undefined,
    kind: oneOf<ApplicationKind>(APPLICATION_KINDS, params.get('kind')),
    status: oneOf<ApplicationStatus>(APPLICATION_STATUSES, params.get('status')),
    step: oneOf<ReviewStep>(REVIEW_STEPS, params.get('step')),
    due: oneOf<DueState>(DUE_STATES, params.get('due')),
    region: params.get('region') || undefined,
    // A reviewer's to-dos come most urgent first; everything else newest first.
    sort: oneOf(SORTS, params.get('sort')) ?? (queue === 'mine' && reviewer ? 'due' : '-updated'),
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

/** `/applications`: an applicant's own applications, or an office's to-dos and all applications of its area. */
export default function ApplicationsPage() {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const can = useCan();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const reviewer = can('application.review');
  const applicant = user.role === 'org_leader';
  const p = readParams(params, reviewer);
  const list = useQuery(applicationsQuery(p));
  const counts = useApplicationCounts();
  const myStep = stepOfRole(user.role);
  const [selected, setSelected] = useState<Key[]>([]);
  const [batch, setBatch] = useState<ReviewDecision | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const regionName = params.get('regionName');

  const active = FILTER_KEYS.filter((k) => p[k] !== undefined);
  const filtered = active.length > 0;
  const showFilters = !isMobile || filtersOpen;
  const clearFilters = () => update({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])), regionName: null });
  const batchable = reviewer && p.queue === 'mine' && myStep !== null;
  const canAct = (a: ApplicationListItem) => a.status === 'in_review' && a.currentStep === myStep;

  const nameCell = (a: ApplicationListItem) => (
    <div className="app-name-cell">
      <Link to={`/applications/${a.id}`} className="org-name-link">
        {a.name}
      </Link>
      {a.org && a.org.name !== a.name && (
        <Typography.Text type="secondary" className="org-former">
          {a.org.name}
        </Typography.Text>
      )}
    </div>
  );
  const stepCell = (a: ApplicationListItem) =>
    a.currentStep ? (
      <span>
        {labels.step(a.currentStep)}
        {a.status === 'returned' && <Typography.Text type="secondary">{` · ${labels.status('returned')}`}</Typography.Text>}
      </span>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const applicantCell = (a: ApplicationListItem) => (
    <span>
      {a.applicant.displayName}
      {a.onBehalf && <Tag className="app-behalf-tag">{t('onBehalfTag')}</Tag>}
    </span>
  );

  const desktopColumns: TableColumnsType<ApplicationListItem> = [
    { title: t('col.id'), dataIndex: 'id', key: 'id', width: 72, render: (id: number) => <span className="mono">{id}</span> },
    { title: t('col.name'), key: 'name', render: (_: unknown, a) => nameCell(a) },
    { title: t('col.kind'), dataIndex: 'kind', key: 'kind', render: (k: ApplicationKind) => <KindTag kind={k} /> },
    {
      title: t('col.place'),
      key: 'place',
      render: (_: unknown, a) => (
        <Tooltip title={a.regionPath}>
          <span>{a.region.name}</span>
        </Tooltip>
      ),
    },
    { title: t('col.step'), key: 'step', render: (_: unknown, a) => stepCell(a) },
    { title: t('col.status'), dataIndex: 'status', key: 'status', render: (s: ApplicationStatus) => <AppStatusTag status={s} /> },
    {
      title: t('col.due'),
      key: 'due',
      sorter: true,
      sortOrder: p.sort === 'due' ? 'ascend' : null,
      render: (_: unknown, a) => <DueTag item={a} />,
    },
    ...(applicant ? [] : [{ title: t('col.applicant'), key: 'applicant', render: (_: unknown, a: ApplicationListItem) => applicantCell(a) }]),
    {
      title: t('col.submitted'),
      dataIndex: 'submittedAt',
      key: 'submitted',
      sorter: true,
      sortOrder: p.sort === 'submitted' ? 'ascend' : p.sort === '-submitted' ? 'descend' : null,
      render: (v: string | null) => (
        <Tooltip title={formatDateTime(v)}>
          <span className="mono">{formatDate(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('col.updated'),
      dataIndex: 'updatedAt',
      key: 'updated',
      responsive: ['xl'],
      render: (v: string) => <span className="mono">{formatDateTime(v, false)}</span>,
    },
  ];

  const phoneColumns: TableColumnsType<ApplicationListItem> = [
    {
      title: t('col.name'),
      key: 'summary',
      render: (_: unknown, a) => (
        <div className="app-summary">
          {nameCell(a)}
          <div>
            <KindTag kind={a.kind} />
            <AppStatusTag status={a.status} />
          </div>
          {a.currentStep && <div>{stepCell(a)}</div>}
          <DueTag item={a} />
          <div className="org-summary-path">
            {a.regionPath} · <span className="mono">#{a.id}</span>
          </div>
          {!applicant && <div>{applicantCell(a)}</div>}
        </div>
      ),
    },
  ];

  const actions = (
    <Space wrap className="no-print">
      {can('application.apply') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new')}>
          {applicant ? t('new') : t('onBehalf')}
        </Button>
      )}
      {reviewer && (
        <Button icon={<FieldTimeOutlined />} onClick={() => navigate('/applications/overdue')}>
          {t('overdueView')}
        </Button>
      )}
    </Space>
  );

  const emptyText = (title: string, hint?: string) => (
    <span>
      {title}
      {hint && (
        <>
          <br />
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </>
      )}
    </span>
  );
  const empty = list.isPending ? (
    ' '
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText(t('empty.filtered'))}>
      <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : p.queue === 'mine' && reviewer ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText(t('layout.todoNone'), t('empty.todoHint'))} />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText(t('empty.mine'), applicant ? t('empty.mineHint') : undefined)}>
      {can('application.apply') && applicant && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new')}>
          {t('new')}
        </Button>
      )}
    </Empty>
  );

  const todoLabel = (
    <span>
      {reviewer ? t('tab.todo') : t('tab.todoApplicant')}{' '}
      {counts.data && counts.data.mine > 0 && <Badge count={counts.data.mine} color={counts.data.overdue > 0 ? '#cf1322' : '#1b5eab'} overflowCount={999} />}
    </span>
  );
  const tabs = [
    { key: 'mine', label: todoLabel },
    { key: 'all', label: t('common.all') },
  ];
  // An applicant's natural view is all of their applications; a reviewer's is the to-do list.
  if (!reviewer) tabs.reverse();

  const selectedItems = (list.data?.items ?? []).filter((a) => selected.includes(a.id));

  return (
    <Card title={applicant ? t('title.mine') : t('title.office')} extra={!isMobile && actions} className="apps-page">
      {isMobile && <div className="orgs-phone-actions">{actions}</div>}
      <Tabs
        activeKey={p.queue}
        items={tabs}
        onChange={(queue) => {
          setSelected([]);
          update({ queue, sort: null });
        }}
        className="apps-tabs"
      />
      <div className="filter-bar no-print">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          placeholder={t('search')}
          allowClear
          enterButton
          maxLength={100}
          onSearch={(q) => update({ q: q.trim() })}
          className="org-search apps-search"
          aria-label={t('search')}
        />
        {isMobile && (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(!filtersOpen)} aria-expanded={showFilters} className="orgs-filter-toggle">
            {active.filter((k) => k !== 'q').length > 0 ? t('filtersActive', { n: active.filter((k) => k !== 'q').length }) : t('filters')}
          </Button>
        )}
        {showFilters && (
          <>
            <FilterSelect
              value={p.kind}
              label={t('filter.kind')}
              allowClear
              options={APPLICATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
              onChange={(kind?: string) => update({ kind })}
              className="filter-select"
              popupMatchSelectWidth={false}
              aria-label={t('filter.kind')}
            />
            <FilterSelect
              value={p.status}
              label={t('filter.status')}
              allowClear
              options={APPLICATION_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
              onChange={(status?: string) => update({ status })}
              className="filter-select-mid"
              popupMatchSelectWidth={false}
              aria-label={t('filter.status')}
            />
            {!applicant && (
              <FilterSelect
                value={p.step}
                label={t('filter.step')}
                allowClear
                options={REVIEW_STEPS.map((s) => ({ value: s, label: labels.step(s) }))}
                onChange={(step?: string) => update({ step })}
                className="filter-select-mid"
                popupMatchSelectWidth={false}
                aria-label={t('filter.step')}
              />
            )}
            <FilterSelect
              value={p.due}
              label={t('filter.due')}
              allowClear
              options={[
                { value: 'overdue', label: t('due.overdueShort') },
                { value: 'due_soon', label: t('due.dueSoon') },
                { value: 'on_time', label: t('due.onTime') },
              ]}
              onChange={(due?: string) => update({ due })}
              className="filter-select-narrow"
              aria-label={t('filter.due')}
            />
            {!applicant && (
              <RegionSelect
                value={p.region ?? null}
                initial={p.region && regionName ? { code: p.region, name: regionName } : null}
                placeholder={t('filter.region')}
                filterLabel={t('filter.region')}
                allowClear
                onChange={(code, hit) => update({ region: code, regionName: hit?.name })}
                className="filter-region"
              />
            )}
            <Select
              value={p.sort}
              options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
              onChange={(sort: string) => update({ sort })}
              className="filter-select"
              popupMatchSelectWidth={false}
              aria-label={t('sort')}
            />
            {filtered && (
              <Button type="link" onClick={clearFilters} className="filter-clear">
                {t('common.clearFilters')}
              </Button>
            )}
          </>
        )}
      </div>
      {batchable && selected.length > 0 && (
        <div className="batch-bar" role="region" aria-label={t('selected', { n: selected.length })}>
          <span>{t('selected', { n: selected.length })}</span>
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setBatch('approve')}>
              {t('batch.approve')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => setBatch('return')}>
              {t('batch.return')}
            </Button>
            <Button danger icon={<StopOutlined />} onClick={() => setBatch('reject')}>
              {t('batch.reject')}
            </Button>
            <Button type="link" onClick={() => setSelected([])}>
              {t('common.cancel')}
            </Button>
          </Space>
        </div>
      )}
      <ListTable<ApplicationListItem>
        list={list}
        page={p.page}
        pageSize={p.pageSize}
        columns={isMobile ? phoneColumns : desktopColumns}
        showSorterTooltip={false}
        rowClassName={(a) => `clickable-row${a.dueState === 'overdue' ? ' row-overdue' : a.dueState === 'due_soon' ? ' row-due-soon' : ''}`}
        rowSelection={
          batchable
            ? {
                selectedRowKeys: selected,
                onChange: setSelected,
                getCheckboxProps: (a) => ({ disabled: !canAct(a), 'aria-label': a.name }),
                columnWidth: 40,
              }
            : undefined
        }
        onRow={(a) => ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('a, button, .ant-checkbox-wrapper, .ant-table-selection-column')) return;
            navigate(`/applications/${a.id}`);
          },
        })}
        locale={{ emptyText: empty }}
        onChange={(pagination, filters, sorter, extra) => {
          setSelected([]);
          if (extra.action !== 'sort') {
            urlTableChange<ApplicationListItem>(update, [], '')(pagination, filters, sorter, extra);
            return;
          }
          // The server sorts by due date one way only (most urgent first).
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = String(s?.columnKey ?? '');
          const sort = !s?.order ? null : key === 'due' ? 'due' : key === 'submitted' ? (s.order === 'descend' ? '-submitted' : 'submitted') : null;
          update({ sort });
        }}
      />
      {batch && (
        <BatchReviewModal
          decision={batch}
          items={selectedItems}
          onClose={(done) => {
            setBatch(null);
            if (done) setSelected([]);
          }}
        />
      )}
    </Card>
  );
}
