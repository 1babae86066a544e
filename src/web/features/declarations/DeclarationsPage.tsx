import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Input, Space, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { ListTable } from '../../components/ListTable.js';
import { useT } from '../../i18n.js';
import { intParam, oneOf, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { urlTableChange } from '../../lib/table-url.js';
import { declarationsQuery, type DeclarationListItem, type DeclarationListParams } from './declarations.api.js';
import { declarationsMessages } from './declarations.messages.js';
import { DECLARATION_STATUSES, DeclDates, DeclStatusTag, SummaryState } from './decl-parts.js';
import './declarations.css';

const FILTER_KEYS = ['q', 'status', 'overdue', 'org', 'region'] as const;

function readParams(params: URLSearchParams): DeclarationListParams {
  const org = Number(params.get('org'));
  return {
    status: oneOf(DECLARATION_STATUSES, params.get('status')),
    q: params.get('q')?.trim() || undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    org: Number.isInteger(org) && org > 0 ? org : undefined,
    region: params.get('region') || undefined,
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

/** The list of one organization's declarations, or of everything in reach (the organization record's tab uses it too). */
export function DeclarationTable({ p, onChange, empty }: { p: DeclarationListParams; onChange?: Parameters<typeof ListTable<DeclarationListItem>>[0]['onChange']; empty: string }) {
  const t = useT(declarationsMessages);
  const isMobile = useIsMobile();
  const list = useQuery(declarationsQuery(p));
  const titleCell = (r: DeclarationListItem) => (
    <Link to={`/declarations/${r.id}`} className="org-name-link">
      <Data>{r.title}</Data>
    </Link>
  );
  const kinds = (r: DeclarationListItem) => (
    <Space size={[4, 4]} wrap>
      {r.kinds.map((k) => (
        <Tag key={k} variant="outlined">
          <Data>{k}</Data>
        </Tag>
      ))}
    </Space>
  );
  const desktop: TableColumnsType<DeclarationListItem> = [
    { title: t('decl.col.title'), key: 'title', render: (_: unknown, r) => titleCell(r) },
    { title: t('decl.col.org'), key: 'org', render: (_: unknown, r) => <Data>{r.org.name}</Data> },
    { title: t('decl.col.kinds'), key: 'kinds', render: (_: unknown, r) => kinds(r) },
    { title: t('decl.col.dates'), key: 'dates', render: (_: unknown, r) => <DeclDates item={r} /> },
    {
      title: t('decl.col.place'),
      key: 'place',
      render: (_: unknown, r) => (
        <Tooltip title={r.regionPath}>
          <span>
            <Data>{r.region.name}</Data>
          </span>
        </Tooltip>
      ),
    },
    { title: t('decl.col.status'), key: 'status', render: (_: unknown, r) => <DeclStatusTag status={r.status} /> },
    { title: t('decl.col.summary'), key: 'summary', render: (_: unknown, r) => <SummaryState item={r} /> },
  ];
  const phone: TableColumnsType<DeclarationListItem> = [
    {
      title: t('decl.col.title'),
      key: 'summary',
      render: (_: unknown, r) => (
        <div className="decl-summary-cell">
          {titleCell(r)}
          <div>
            <DeclStatusTag status={r.status} /> <DeclDates item={r} />
          </div>
          <div className="org-summary-path">
            <Data>{r.org.name}</Data>
          </div>
          {(r.summaryFiled || r.summaryDueOn) && <SummaryState item={r} />}
        </div>
      ),
    },
  ];
  return (
    <ListTable<DeclarationListItem>
      list={list}
      page={p.page}
      pageSize={p.pageSize}
      columns={isMobile ? phone : desktop}
      onChange={onChange}
      empty={empty}
    />
  );
}

/** `/declarations`: the declarations in reach, by status, with the summaries overdue; new ones and the flags per node. */
export default function DeclarationsPage() {
  const t = useT(declarationsMessages);
  usePageTitle(t('decl.title'));
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const filtered = FILTER_KEYS.some((k) => p[k] !== undefined);

  return (
    <Card
      title={t('decl.title')}
      extra={
        <Space wrap className="decl-list-actions">
          <Button icon={<FlagOutlined />} onClick={() => navigate('/declarations/flags')} aria-label={t('decl.flagsLink')}>
            {!isMobile && t('decl.flagsLink')}
          </Button>
          {can('declaration.file') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(p.org ? `/declarations/new?org=${p.org}` : '/declarations/new')}>
              {t('decl.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('decl.ruleNote')}</Typography.Paragraph>
      {!isMobile && (
      <Tabs
        activeKey={p.status ?? 'all'}
        onChange={(k) => update({ status: k === 'all' ? null : k })}
        items={[{ key: 'all', label: t('common.all') }, ...DECLARATION_STATUSES.map((s) => ({ key: s, label: t(`decl.status.${s}`) }))]}
        className="decl-tabs"
      />
      )}
      <div className="filter-bar decl-filters no-print">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          placeholder={t('decl.search')}
          allowClear
          enterButton
          maxLength={100}
          onSearch={(q) => update({ q: q.trim() })}
          className="org-search"
          aria-label={t('decl.search')}
        />
        {/* On a phone the seven statuses do not fit in tabs: a select instead. */}
        {isMobile && (
          <FilterSelect<string>
            value={p.status}
            label={t('decl.filter.status')}
            allowClear
            options={DECLARATION_STATUSES.map((s) => ({ value: s, label: t(`decl.status.${s}`) }))}
            onChange={(status?: string) => update({ status })}
            className="filter-select-mid"
          />
        )}
        <Checkbox checked={p.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : null })}>
          {t('decl.filter.overdue')}
        </Checkbox>
        {filtered && (
          <a onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))} className="filter-clear" role="button">
            {t('common.clearFilters')}
          </a>
        )}
      </div>
      <DeclarationTable p={p} onChange={urlTableChange(update, [], '')} empty={filtered ? t('decl.emptyFiltered') : t('decl.empty')} />
    </Card>
  );
}
