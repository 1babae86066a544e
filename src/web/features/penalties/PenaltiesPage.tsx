import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, InputNumber, Typography, type TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { ListTable } from '../../components/ListTable.js';
import { useT } from '../../i18n.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { urlTableChange } from '../../lib/table-url.js';
import { PENALTY_KIND_LABELS, PENALTY_KINDS, PENALTY_SORTS, PENALTY_STATUSES } from '../../../shared/schemas/penalties.js';
import { penaltiesQuery, type Penalty, type PenaltyListParams, type PenaltySort } from './penalties.api.js';
import { penaltiesMessages } from './penalties.messages.js';
import { amountText, PenaltyKindTag, PenaltyStatusTag } from './penalty-parts.js';
import './penalties.css';

const FILTER_KEYS = ['q', 'kind', 'status', 'year'] as const;
const SORTABLE = ['decidedOn', 'amount', 'org'] as const;
const DEFAULT_SORT: PenaltySort = '-decidedOn';

function readParams(params: URLSearchParams): PenaltyListParams {
  const year = Number(params.get('year'));
  return {
    kind: oneOf(PENALTY_KINDS, params.get('kind')),
    status: oneOf(PENALTY_STATUSES, params.get('status')),
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined,
    q: params.get('q')?.trim() || undefined,
    sort: oneOf(PENALTY_SORTS, params.get('sort')) ?? DEFAULT_SORT,
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

function orderOf(sort: PenaltySort | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The penalties in reach, or one organization's (the organization record's tab uses it too). */
export function PenaltyTable({ p, onChange, empty, withOrg = true, sortable = false }: { p: PenaltyListParams; onChange?: Parameters<typeof ListTable<Penalty>>[0]['onChange']; empty: string; withOrg?: boolean; sortable?: boolean }) {
  const t = useT(penaltiesMessages);
  const isMobile = useIsMobile();
  const list = useQuery(penaltiesQuery(p));
  const noCell = (r: Penalty) => (
    <Link to={`/penalties/${r.id}`} className="org-name-link">
      <Data>{r.decisionNo}</Data>
    </Link>
  );
  const desktop: TableColumnsType<Penalty> = [
    { title: t('pen.col.decisionNo'), key: 'decisionNo', render: (_: unknown, r) => noCell(r) },
    ...(withOrg ? [{ title: t('pen.col.org'), key: 'org', sorter: sortable, sortOrder: orderOf(p.sort, 'org'), render: (_: unknown, r: Penalty) => <Data>{r.org.name}</Data> }] : []),
    { title: t('pen.col.kind'), key: 'kind', render: (_: unknown, r) => <PenaltyKindTag kind={r.kind} /> },
    { title: t('pen.col.amount'), key: 'amount', align: 'right', sorter: sortable, sortOrder: orderOf(p.sort, 'amount'), render: (_: unknown, r) => <span className="mono">{amountText(r.amountFen)}</span> },
    { title: t('pen.col.decidedOn'), key: 'decidedOn', sorter: sortable, sortOrder: orderOf(p.sort, 'decidedOn'), render: (_: unknown, r) => <span className="mono">{r.decidedOn}</span> },
    { title: t('pen.col.body'), key: 'body', render: (_: unknown, r) => <Data>{r.decidingBody}</Data> },
    { title: t('pen.col.status'), key: 'status', render: (_: unknown, r) => <PenaltyStatusTag p={r} /> },
  ];
  const phone: TableColumnsType<Penalty> = [
    {
      title: t('pen.col.decisionNo'),
      key: 'summary',
      render: (_: unknown, r) => (
        <div className="pen-summary-cell">
          {noCell(r)}
          <div>
            <PenaltyKindTag kind={r.kind} /> <span className="mono">{amountText(r.amountFen)}</span> <PenaltyStatusTag p={r} />
          </div>
          {withOrg && (
            <div className="org-summary-path">
              <Data>{r.org.name}</Data>
            </div>
          )}
          <Typography.Text type="secondary" className="mono">
            {r.decidedOn} · <Data>{r.decidingBody}</Data>
          </Typography.Text>
        </div>
      ),
    },
  ];
  return (
    <ListTable<Penalty>
      list={list}
      page={p.page}
      pageSize={p.pageSize}
      columns={isMobile ? phone : desktop}
      onChange={onChange}
      empty={empty}
    />
  );
}

/** `/penalties`: the administrative penalties in reach, filtered, sorted and paged in the address bar. */
export default function PenaltiesPage() {
  const t = useT(penaltiesMessages);
  usePageTitle(t('pen.title'));
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const filtered = FILTER_KEYS.some((k) => p[k] !== undefined);

  return (
    <Card
      title={t('pen.title')}
      extra={
        can('penalty.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/penalties/new')}>
            {t('pen.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('pen.note')}</Typography.Paragraph>
      <div className="filter-bar pen-filters no-print">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          placeholder={t('pen.search')}
          allowClear
          enterButton
          maxLength={100}
          onSearch={(q) => update({ q: q.trim() })}
          className="org-search"
          aria-label={t('pen.search')}
        />
        <FilterSelect<string>
          value={p.kind}
          label={t('pen.filter.kind')}
          allowClear
          options={PENALTY_KINDS.map((k) => ({ value: k, label: <Data>{PENALTY_KIND_LABELS[k]}</Data> }))}
          onChange={(kind?: string) => update({ kind })}
          className="filter-select-mid"
        />
        <FilterSelect<string>
          value={p.status}
          label={t('pen.filter.status')}
          allowClear
          options={PENALTY_STATUSES.map((s) => ({ value: s, label: t(`pen.status.${s}`) }))}
          onChange={(status?: string) => update({ status })}
          className="filter-select-mid"
        />
        <InputNumber<number>
          value={p.year ?? null}
          min={1990}
          max={2100}
          placeholder={t('pen.filter.year')}
          aria-label={t('pen.filter.year')}
          onChange={(year) => update({ year: year ?? null })}
        />
        {filtered && (
          <a onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))} className="filter-clear" role="button">
            {t('common.clearFilters')}
          </a>
        )}
      </div>
      <PenaltyTable p={p} sortable onChange={urlTableChange(update, SORTABLE, DEFAULT_SORT)} empty={filtered ? t('pen.emptyFiltered') : t('pen.empty')} />
    </Card>
  );
}
