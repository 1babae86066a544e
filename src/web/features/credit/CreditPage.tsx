import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Input, Table, Tabs, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CREDIT_SORTS, CREDIT_STATUSES } from '../../../shared/schemas/credit.js';
import type { CreditList } from '../../../shared/schemas/credit-public.js';
import { useCan } from '../../auth/session.js';
import { Data, ServerText } from '../../components/Data.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { creditListQuery, creditRulesQuery, proposalsQuery, type CreditListItem, type CreditListParams } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { CreditStatusTag, GroundText, Timers } from './credit-tags.js';
import { ProposalsTab } from './ProposalsTab.js';
import './credit.css';

const TABS = ['abnormal', 'dishonest', 'proposals'] as const;
const FILTER_KEYS = ['q', 'status', 'ground', 'region'] as const;
type SortKey = (typeof CREDIT_SORTS)[number];

function readParams(params: URLSearchParams, list: CreditList): CreditListParams {
  const sort = params.get('sort') ?? '';
  const key = oneOf(CREDIT_SORTS, sort.replace(/^-/, ''));
  return {
    list,
    status: oneOf(CREDIT_STATUSES, params.get('status')),
    ground: params.get('ground') || undefined,
    region: params.get('region') || undefined,
    q: params.get('q')?.trim() || undefined,
    sort: key,
    order: key ? (sort.startsWith('-') ? 'desc' : 'asc') : undefined,
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

/**
 * `/credit`: 信用管理. The two lists of 民政部令第60号 (活动异常名录, 严重违法失信名单) of the viewer's area, each row with
 * its timers, and for the district the facts the rules found that wait for a person (待确认线索) and the manual entry.
 */
export default function CreditPage() {
  const t = useT(creditMessages);
  usePageTitle(t('credit.title'));
  const can = useCan();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const writer = can('credit.write');
  const tabs = TABS.filter((k) => k !== 'proposals' || writer);
  const tab = oneOf(tabs, params.get('tab')) ?? 'abnormal';
  const pending = useQuery(proposalsQuery({ status: 'pending', page: 1, pageSize: 1 }, writer));
  const pendingCount = pending.data?.total ?? 0;
  // On a phone the short names keep the three tabs in view (an overflowing tab bar hides tabs behind a menu button).
  const isMobile = useIsMobile();
  const tabLabel = (k: (typeof TABS)[number]) => t(isMobile ? `credit.tabShort.${k}` : `credit.tab.${k}`);

  return (
    <Card
      title={t('credit.title')}
      className="credit-page"
      extra={
        writer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/credit/new')} className="no-print">
            {t('credit.new')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'abnormal' ? null : k, status: null, ground: null, sort: null })}
        destroyOnHidden
        items={tabs.map((k) => ({
          key: k,
          label:
            k === 'proposals' ? (
              <span>
                {tabLabel('proposals')} {pendingCount > 0 && <Badge count={pendingCount} color="#1b5eab" overflowCount={999} />}
              </span>
            ) : (
              tabLabel(k)
            ),
          children: k === 'proposals' ? <ProposalsTab /> : <EntryList list={k} params={params} update={update} />,
        }))}
      />
    </Card>
  );
}

function EntryList({ list, params, update }: { list: CreditList; params: URLSearchParams; update: (patch: Record<string, string | number | null | undefined>) => void }) {
  const t = useT(creditMessages);
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const p = readParams(params, list);
  const q = useQuery(creditListQuery(p));
  // The grounds of the list as the rules in force today name them (the filter's options).
  const grounds = useQuery(creditRulesQuery(`credit.${list}.`));
  const staff = !can('credit.apply');
  const filtered = FILTER_KEYS.some((k) => p[k] !== undefined);
  const sortOrder = (key: SortKey) => (p.sort === key ? (p.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null);

  const orgCell = (r: CreditListItem) => (
    <Link to={`/credit/${r.id}`} className="org-name-link">
      <Data>{r.org.name}</Data>
    </Link>
  );
  const columns: TableColumnsType<CreditListItem> = isMobile
    ? [
        {
          title: t('credit.col.org'),
          key: 'summary',
          render: (_: unknown, r) => (
            <div className="credit-summary">
              {orgCell(r)}
              <div>
                <CreditStatusTag status={r.status} /> <GroundText entry={r} />
              </div>
              <Timers entry={r} />
              {r.region && <div className="org-summary-path"><Data>{r.region.name}</Data></div>}
            </div>
          ),
        },
      ]
    : [
        { title: t('credit.col.org'), key: 'orgName', sorter: true, sortOrder: sortOrder('orgName'), render: (_: unknown, r) => orgCell(r) },
        { title: t('credit.col.ground'), key: 'ground', width: 240, render: (_: unknown, r) => <GroundText entry={r} /> },
        { title: t('credit.col.status'), key: 'status', render: (_: unknown, r) => <CreditStatusTag status={r.status} /> },
        { title: t('credit.col.place'), key: 'place', render: (_: unknown, r) => (r.region ? <Tooltip title={r.region.code}><Data>{r.region.name}</Data></Tooltip> : '—') },
        { title: t('credit.col.noticedOn'), key: 'noticedOn', sorter: true, sortOrder: sortOrder('noticedOn'), render: (_: unknown, r) => <span className="mono">{r.noticedOn}</span> },
        { title: t('credit.col.listedOn'), key: 'listedOn', sorter: true, sortOrder: sortOrder('listedOn'), render: (_: unknown, r) => <span className="mono">{r.listedOn ?? '—'}</span> },
        { title: t('credit.col.timers'), key: 'timers', width: 280, render: (_: unknown, r) => <Timers entry={r} /> },
      ];

  return (
    <>
      <div className="filter-bar no-print">
        {staff && (
          <>
            <Input.Search
              key={p.q ?? ''}
              defaultValue={p.q}
              placeholder={t('credit.search')}
              allowClear
              enterButton
              maxLength={100}
              onSearch={(v) => update({ q: v.trim() })}
              className="org-search"
              aria-label={t('credit.search')}
            />
            <RegionSelect value={p.region ?? null} onChange={(code) => update({ region: code })} allowClear placeholder={t('credit.filter.region')} filterLabel={t('credit.filter.region')} className="filter-region" />
          </>
        )}
        <FilterSelect
          value={p.status}
          label={t('credit.filter.status')}
          allowClear
          options={CREDIT_STATUSES.filter((s) => list === 'abnormal' || s !== 'moved').map((s) => ({ value: s, label: t(`credit.status.${s}`) }))}
          onChange={(status?: string) => update({ status })}
          className="filter-select-mid"
          popupMatchSelectWidth={false}
        />
        <FilterSelect
          value={p.ground}
          label={t('credit.filter.ground')}
          allowClear
          options={(grounds.data?.items ?? []).map((r) => ({ value: r.key, label: <ServerText>{r.title}</ServerText> }))}
          onChange={(ground?: string) => update({ ground })}
          className="filter-select-wide"
          popupMatchSelectWidth={false}
        />
        {filtered && (
          <a onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))} className="filter-clear" role="button">
            {t('common.clearFilters')}
          </a>
        )}
      </div>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<CreditListItem>
          rowKey="id"
          size="middle"
          dataSource={q.data?.items}
          loading={q.isFetching}
          scroll={isMobile ? undefined : { x: 1100 }}
          columns={columns}
          rowClassName={(r) => `clickable-row credit-row-${r.status}`}
          onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a, button') && navigate(`/credit/${r.id}`) })}
          locale={{ emptyText: q.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('credit.emptyFiltered') : t('credit.empty')} /> }}
          pagination={{
            current: p.page,
            pageSize: p.pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            size: isMobile ? 'small' : undefined,
          }}
          onChange={(pagination, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = String(s?.columnKey ?? '');
              update({ sort: s?.order ? (s.order === 'descend' ? `-${key}` : key) : null });
            } else update({ page: pagination.current === 1 ? null : (pagination.current ?? null), pageSize: pagination.pageSize === 20 ? null : (pagination.pageSize ?? null) });
          }}
        />
      )}
    </>
  );
}
