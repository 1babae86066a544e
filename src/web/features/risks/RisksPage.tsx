import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Typography, type TableColumnsType } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { Data } from '../../components/Data.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { ListTable } from '../../components/ListTable.js';
import { useT } from '../../i18n.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { risksQuery, type RiskItemSummary, type RiskListParams } from './risks.api.js';
import { risksMessages } from './risks.messages.js';
import { RISK_KIND_LIST, RISK_LEVEL_LIST, RISK_STATUS_LIST, RiskLevelTag, RiskStatusTag } from './risk-parts.js';

const FILTER_KEYS = ['region', 'status', 'kind', 'level', 'org', 'overdue', 'owned'] as const;
const SORTS = ['due', '-due', '-detected', '-level'] as const;
const STATUSES = ['active', ...RISK_STATUS_LIST] as const;

function readParams(params: URLSearchParams): RiskListParams {
  const org = Number(params.get('org'));
  return {
    region: params.get('region') || undefined,
    status: oneOf(STATUSES, params.get('status')) ?? (params.has('status') ? undefined : 'active'),
    kind: oneOf(RISK_KIND_LIST, params.get('kind')),
    level: oneOf(RISK_LEVEL_LIST, params.get('level')),
    org: Number.isInteger(org) && org > 0 ? org : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    owned: params.get('owned') === 'true' ? 'true' : undefined,
    sort: oneOf(SORTS, params.get('sort')),
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

/** The items of a list query (the page, and the organization record's tab). */
export function RiskTable({ p, onPage, empty }: { p: RiskListParams; onPage: (page: number, pageSize: number) => void; empty: string }) {
  const t = useT(risksMessages);
  const isMobile = useIsMobile();
  const list = useQuery(risksQuery(p));
  const orgCell = (r: RiskItemSummary) => (
    <Link to={`/risks/${r.id}`} className="org-name-link">
      <Data>{r.org.name}</Data>
    </Link>
  );
  const desktop: TableColumnsType<RiskItemSummary> = [
    { title: t('risk.col.org'), key: 'org', render: (_: unknown, r) => orgCell(r) },
    { title: t('risk.col.kind'), key: 'kind', render: (_: unknown, r) => t(`risk.kind.${r.kind}`) },
    { title: t('risk.col.level'), key: 'level', render: (_: unknown, r) => <RiskLevelTag level={r.level} /> },
    { title: t('risk.col.status'), key: 'status', render: (_: unknown, r) => <RiskStatusTag status={r.status} overdue={r.overdue} /> },
    { title: t('risk.col.detected'), key: 'detected', render: (_: unknown, r) => <span className="mono">{r.detectedOn}</span> },
    { title: t('risk.col.due'), key: 'due', render: (_: unknown, r) => <span className="mono">{r.dueOn}</span> },
    { title: t('risk.col.owner'), key: 'owner', render: (_: unknown, r) => <Data>{r.owner.name}</Data> },
  ];
  const phone: TableColumnsType<RiskItemSummary> = [
    {
      title: t('risk.col.org'),
      key: 'summary',
      render: (_: unknown, r) => (
        <div>
          {orgCell(r)}
          <div>
            {t(`risk.kind.${r.kind}`)} <RiskLevelTag level={r.level} /> <RiskStatusTag status={r.status} overdue={r.overdue} />
          </div>
          <Typography.Text type="secondary">
            {t('risk.col.due')} <span className="mono">{r.dueOn}</span> · <Data>{r.owner.name}</Data>
          </Typography.Text>
        </div>
      ),
    },
  ];
  return (
    <ListTable<RiskItemSummary>
      list={list}
      page={p.page}
      pageSize={p.pageSize}
      columns={isMobile ? phone : desktop}
      onChange={(pg) => onPage(pg.current ?? 1, pg.pageSize ?? 20)}
      locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}

/** `/risks`: the risk items in reach, open ones first by due day, with the filters the board's drill-down sets. */
export default function RisksPage() {
  const t = useT(risksMessages);
  usePageTitle(t('risk.title'));
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const filtered = FILTER_KEYS.some((k) => k !== 'status' && p[k] !== undefined);
  return (
    <Card
      title={t('risk.title')}
      extra={
        <Button icon={<DashboardOutlined />} onClick={() => navigate(p.region ? `/risks/board?region=${p.region}` : '/risks/board')}>
          {t('risk.boardLink')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('risk.ruleNote')}</Typography.Paragraph>
      <div className="filter-bar no-print">
        <FilterSelect<string>
          value={p.status}
          label={t('risk.filter.status')}
          allowClear
          options={STATUSES.map((s) => ({ value: s, label: t(`risk.status.${s}`) }))}
          onChange={(status?: string) => update({ status: status ?? 'all' })}
          className="filter-select-mid"
        />
        <FilterSelect<string>
          value={p.kind}
          label={t('risk.filter.kind')}
          allowClear
          options={RISK_KIND_LIST.map((k) => ({ value: k, label: t(`risk.kind.${k}`) }))}
          onChange={(kind?: string) => update({ kind })}
          className="filter-select-mid"
        />
        <FilterSelect<string>
          value={p.level}
          label={t('risk.filter.level')}
          allowClear
          options={RISK_LEVEL_LIST.map((l) => ({ value: l, label: t(`risk.level.${l}`) }))}
          onChange={(level?: string) => update({ level })}
          className="filter-select-mid"
        />
        <FilterSelect<string>
          value={p.sort}
          label={t('risk.filter.sort')}
          options={SORTS.map((s) => ({ value: s, label: t(`risk.sort.${s}`) }))}
          onChange={(sort?: string) => update({ sort })}
          className="filter-select-mid"
        />
        <Checkbox checked={p.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : null })}>
          {t('risk.filter.overdue')}
        </Checkbox>
        {filtered && (
          <a onClick={() => update(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'status').map((k) => [k, null])))} className="filter-clear" role="button">
            {t('common.clearFilters')}
          </a>
        )}
      </div>
      <RiskTable p={p} onPage={(page, pageSize) => update({ page, pageSize })} empty={filtered ? t('risk.emptyFiltered') : t('risk.empty')} />
    </Card>
  );
}
