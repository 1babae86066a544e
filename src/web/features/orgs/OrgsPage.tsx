import { ListTable } from '../../components/ListTable.js';
import { urlTableChange } from '../../lib/table-url.js';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Input, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilterSelect } from '../../components/FilterSelect.js';
import { CategoryText, Data } from '../../components/Data.js';
import { DownloadOutlined, DownOutlined, FilterOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { SortOrder } from 'antd/es/table/interface';
import {
  DEFAULT_ORG_CATEGORIES,
  LEGAL_FORMS,
  ORG_FLAGS,
  ORG_STATUSES,
  type LegalForm,
  type OrgFlag,
  type OrgStatus,
} from '../../../shared/enums.js';
import { useCan } from '../../auth/session.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters, oneOf } from '../../lib/hooks.js';
import { ColumnSettings, useColumnChoice } from './ColumnSettings.js';
import { ImportDrawer } from './ImportDrawer.js';
import { rememberListSearch } from './org-nav.js';
import { useOrgFieldLabel, orgsMessages } from './orgs.messages.js';
import { OrgFlagTags, OrgStatusTag, OrgSummary } from './org-tags.js';
import { exportUrl, orgsQuery, type OrgFilter, type OrgListItem, type OrgListParams, type OrgSort } from './orgs.api.js';

const SORTS: OrgSort[] = ['name', '-name', 'foundedOn', '-foundedOn', 'updatedAt', '-updatedAt', 'members', '-members'];
const SORTABLE = ['name', 'foundedOn', 'updatedAt', 'members'] as const;
const FILTER_KEYS = ['q', 'region', 'form', 'category', 'status', 'flag', 'hub'] as const;

const OPTIONAL_COLUMNS = [
  'creditCode',
  'legalForm',
  'category',
  'region',
  'leaderName',
  'leaderPhone',
  'members',
  'foundedOn',
  'status',
  'flags',
  'updatedAt',
] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const DEFAULT_COLUMNS: OptionalColumn[] = ['creditCode', 'legalForm', 'category', 'region', 'leaderName', 'foundedOn', 'status', 'flags'];
const COLUMNS_KEY = 'shezu.orgs.columns';

function readParams(params: URLSearchParams): OrgListParams {
  const hub = params.get('hub');
  return {
    q: params.get('q')?.trim() || undefined,
    region: params.get('region') || undefined,
    form: oneOf<LegalForm>(LEGAL_FORMS, params.get('form')),
    category: params.get('category') || undefined,
    status: oneOf<OrgStatus>(ORG_STATUSES, params.get('status')),
    flag: oneOf<OrgFlag>(['isDemoSite', 'isBrand', 'isIncubating'], params.get('flag')),
    hub: hub && /^\d+$/.test(hub) ? hub : undefined,
    sort: oneOf(SORTS, params.get('sort')) ?? 'name',
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 200),
  };
}

function orderOf(sort: OrgSort, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** `文体活动 (123)`: the value with how many organizations it would show, given the other filters. */
function withCount(label: string, counts: Map<string, number> | undefined, value: string): string {
  if (!counts) return label;
  return `${label} (${counts.get(value) ?? 0})`;
}

/** 社会组织名录: search, filters with counts, a paged and sortable table, import and export. */
export default function OrgsPage() {
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const { modal } = App.useApp();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const list = useQuery(orgsQuery(p));
  const [importOpen, setImportOpen] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const columnChoice = useColumnChoice(COLUMNS_KEY, OPTIONAL_COLUMNS, DEFAULT_COLUMNS);
  const regionName = params.get('regionName');
  const hubName = params.get('hubName');

  useEffect(() => rememberListSearch(location.search), [location.search]);

  const filter: OrgFilter = Object.fromEntries(FILTER_KEYS.map((k) => [k, p[k]]).filter(([, v]) => v !== undefined));
  const filtered = Object.keys(filter).length > 0;
  // On a phone the filters fold away under one button; the search box stays.
  const activeFilters = Object.keys(filter).filter((k) => k !== 'q').length;
  const showFilters = !isMobile || filtersOpen;
  const facets = list.data?.facets;
  const counts = useMemo(() => {
    const toMap = (rows?: { value: string; count: number }[]) => (rows ? new Map(rows.map((r) => [r.value, r.count])) : undefined);
    return { form: toMap(facets?.form), category: toMap(facets?.category), status: toMap(facets?.status) };
  }, [facets]);

  // The district may keep categories beyond the default list: whatever the data holds is offered too.
  const categories = useMemo(() => {
    const set = new Set<string>(DEFAULT_ORG_CATEGORIES);
    for (const c of facets?.category ?? []) set.add(c.value);
    if (p.category) set.add(p.category);
    return [...set];
  }, [facets, p.category]);

  const clearFilters = () => update({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])), regionName: null, hubName: null });

  const open = (o: OrgListItem) => navigate(`/orgs/${o.id}`);
  const columnLabel = (k: OptionalColumn) =>
    k === 'members' ? t('orgs.members') : k === 'flags' ? t('orgs.flags') : k === 'updatedAt' ? t('orgs.updatedAt') : fieldLabel(k);

  const nameCell = (o: OrgListItem) => (
    <div className="org-name-cell">
      <Link to={`/orgs/${o.id}`} className="org-name-link">
        <Data>{o.name}</Data>
      </Link>
      {o.formerNames.length > 0 && (
        <Typography.Text type="secondary" className="org-former">
          {t('orgs.formerNames', { names: '' })}
          <Data>{o.formerNames.join('、')}</Data>
        </Typography.Text>
      )}
    </div>
  );

  const optional: Record<OptionalColumn, TableColumnsType<OrgListItem>[number]> = {
    creditCode: {
      title: fieldLabel('creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    legalForm: { title: fieldLabel('legalForm'), dataIndex: 'legalForm', key: 'legalForm', render: (v: LegalForm) => labels.legalForm(v) },
    category: { title: fieldLabel('category'), dataIndex: 'category', key: 'category', render: (c: string) => <CategoryText value={c} /> },
    region: {
      title: fieldLabel('region'),
      key: 'region',
      render: (_: unknown, o) => (
        <Tooltip title={o.regionPath}>
          <span data-value="">{o.region.name}</span>
        </Tooltip>
      ),
    },
    leaderName: { title: fieldLabel('leaderName'), dataIndex: 'leaderName', key: 'leaderName', render: (v: string | null) => (v ? <Data>{v}</Data> : '—') },
    leaderPhone: {
      title: fieldLabel('leaderPhone'),
      dataIndex: 'leaderPhone',
      key: 'leaderPhone',
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—'),
    },
    members: {
      title: <Tooltip title={t('orgs.membersSortHint')}>{t('orgs.members')}</Tooltip>,
      key: 'members',
      sorter: true,
      sortOrder: orderOf(p.sort, 'members'),
      align: 'right',
      render: (_: unknown, o) =>
        o.individualMembers === null && o.unitMembers === null
          ? '—'
          : t('orgs.membersValue', { p: o.individualMembers ?? '—', u: o.unitMembers ?? '—' }),
    },
    foundedOn: {
      title: fieldLabel('foundedOn'),
      dataIndex: 'foundedOn',
      key: 'foundedOn',
      sorter: true,
      sortOrder: orderOf(p.sort, 'foundedOn'),
      render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
    },
    status: { title: fieldLabel('status'), dataIndex: 'status', key: 'status', render: (s: OrgStatus) => <OrgStatusTag status={s} /> },
    flags: { title: t('orgs.flags'), key: 'flags', render: (_: unknown, o) => <OrgFlagTags org={o} /> },
    updatedAt: {
      title: t('orgs.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: orderOf(p.sort, 'updatedAt'),
      render: (v: string) => (
        <Tooltip title={formatDateTime(v)}>
          <span className="mono">{formatDate(v)}</span>
        </Tooltip>
      ),
    },
  };

  const desktopColumns: TableColumnsType<OrgListItem> = [
    {
      title: fieldLabel('name'),
      key: 'name',
      sorter: true,
      sortOrder: orderOf(p.sort, 'name'),
      fixed: 'left',
      width: 260,
      render: (_: unknown, o) => nameCell(o),
    },
    ...OPTIONAL_COLUMNS.filter((k) => columnChoice.visible.includes(k)).map((k) => optional[k]),
  ];

  // A phone has room for one column: the name, then the few facts a clerk checks at a glance.
  const phoneColumns: TableColumnsType<OrgListItem> = [
    {
      title: fieldLabel('name'),
      key: 'summary',
      render: (_: unknown, o) => (
        <OrgSummary name={nameCell(o)} org={o}>
          {o.leaderName && (
            <div>
              {o.leaderName}
              {o.leaderPhone && <span className="mono"> {o.leaderPhone}</span>}
            </div>
          )}
          <OrgFlagTags org={o} />
        </OrgSummary>
      ),
    },
  ];

  const exportMenu = can('org.personal.reveal')
    ? {
        items: [
          { key: 'masked', label: t('orgs.exportMasked') },
          { key: 'unmasked', label: t('orgs.exportUnmasked'), danger: true },
        ],
        onClick: ({ key }: { key: string }) => {
          if (key === 'masked') {
            window.location.assign(exportUrl(filter));
            return;
          }
          modal.confirm({
            title: t('orgs.exportUnmaskedConfirm'),
            content: t('orgs.exportUnmaskedHint'),
            okText: t('orgs.exportUnmaskedOk'),
            cancelText: t('common.cancel'),
            okButtonProps: { danger: true },
            onOk: () => window.location.assign(exportUrl(filter, true)),
          });
        },
      }
    : null;

  const actions = (
    <Space wrap className="no-print">
      {can('org.create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orgs/new')}>
          {t('orgs.create')}
        </Button>
      )}
      {can('org.import') && (
        <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
          {t('orgs.import')}
        </Button>
      )}
      {can('org.export') &&
        (exportMenu ? (
          <Dropdown menu={exportMenu} trigger={['click']}>
            <Button icon={<DownloadOutlined />}>
              {t('orgs.export')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : (
          <Tooltip title={t('orgs.exportHint')}>
            <Button icon={<DownloadOutlined />} href={exportUrl(filter)}>
              {t('orgs.export')}
            </Button>
          </Tooltip>
        ))}
    </Space>
  );

  const emptyText = (title: string, hint: string) => (
    <span>
      {title}
      <br />
      <Typography.Text type="secondary">{hint}</Typography.Text>
    </span>
  );
  const empty = list.isPending ? (
    ' '
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText(t('orgs.emptyFiltered'), t('orgs.emptyFilteredHint'))}>
      <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText(t('orgs.emptyAll'), t('orgs.emptyAllHint'))}>
      {can('org.create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orgs/new')}>
          {t('orgs.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Card title={t('orgs.title')} extra={!isMobile && actions} className="orgs-page">
      {isMobile && <div className="orgs-phone-actions">{actions}</div>}
      <div className="filter-bar no-print">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          placeholder={t('orgs.searchPlaceholder')}
          allowClear
          onSearch={(q) => update({ q: q.trim() })}
          className="org-search"
          enterButton
          maxLength={100}
          aria-label={t('orgs.searchPlaceholder')}
        />
        {isMobile && (
          <Button
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen(!filtersOpen)}
            className="orgs-filter-toggle"
            aria-expanded={showFilters}
          >
            {activeFilters > 0 ? t('orgs.filtersActive', { n: activeFilters }) : t('orgs.filters')}
          </Button>
        )}
        {showFilters && (
          <>
            <RegionSelect
              value={p.region ?? null}
              initial={p.region && regionName ? { code: p.region, name: regionName } : null}
              placeholder={t('orgs.regionFilter')}
              filterLabel={t('orgs.regionFilter')}
              allowClear
              onChange={(code, hit) => update({ region: code, regionName: hit?.name })}
              className="filter-region"
            />
            <FilterSelect
              value={p.form}
              label={t('orgs.formFilter')}
              allowClear
              options={LEGAL_FORMS.map((f) => ({ value: f, label: withCount(labels.legalForm(f), counts.form, f) }))}
              onChange={(form?: string) => update({ form })}
              className="filter-select"
              popupMatchSelectWidth={false}
            />
            <FilterSelect
              value={p.category}
              label={t('orgs.categoryFilter')}
              allowClear
              showSearch
              options={categories.map((c) => ({ value: c, label: withCount(labels.category(c), counts.category, c) }))}
              onChange={(category?: string) => update({ category })}
              className="filter-select-mid"
              popupMatchSelectWidth={false}
            />
            <FilterSelect
              value={p.status}
              label={t('orgs.statusFilter')}
              allowClear
              options={ORG_STATUSES.map((s) => ({ value: s, label: withCount(labels.orgStatus(s), counts.status, s) }))}
              onChange={(status?: string) => update({ status })}
              className="filter-select-mid"
              popupMatchSelectWidth={false}
            />
            <FilterSelect
              value={p.flag}
              label={t('orgs.flagFilter')}
              allowClear
              options={ORG_FLAGS.map((f) => ({ value: f, label: labels.orgFlag(f) }))}
              onChange={(flag?: string) => update({ flag })}
              className="filter-select-narrow"
            />
            {p.hub && (
              <Tag closable onClose={() => update({ hub: null, hubName: null })} className="filter-tag">
                {t('orgs.hubFilter', { name: hubName ?? `#${p.hub}` })}
              </Tag>
            )}
            {filtered && (
              <Button type="link" onClick={clearFilters} className="filter-clear">
                {t('common.clearFilters')}
              </Button>
            )}
          </>
        )}
        {!isMobile && (
          <div className="filter-bar-end">
            <ColumnSettings
              choices={OPTIONAL_COLUMNS.map((k) => ({
                key: k,
                label: columnLabel(k),
              }))}
              visible={columnChoice.visible}
              onChange={columnChoice.save}
              onReset={columnChoice.reset}
            />
          </div>
        )}
      </div>
      {p.q && list.data?.totalCapped && (
        <Alert type="info" showIcon className="search-capped" message={t('orgs.searchCapped', { n: list.data.total.toLocaleString() })} />
      )}
      <ListTable<OrgListItem>
        list={list}
        page={p.page}
        pageSize={p.pageSize}
        // Above its cap (10,000 for a list, 1,000 for a search) the server stops counting: say so, not a false total.
        showTotal={(n) => t('common.total', { n: list.data?.totalCapped ? `${n.toLocaleString()}+` : n })}
        columns={isMobile ? phoneColumns : desktopColumns}
        showSorterTooltip={false}
        rowClassName="clickable-row"
        onRow={(o) => ({
          onClick: (e) => {
            // A link or a button in the row does its own thing.
            if ((e.target as HTMLElement).closest('a, button')) return;
            open(o);
          },
        })}
        locale={{ emptyText: empty }}
        onChange={urlTableChange(update, SORTABLE, 'name')}
      />
      {can('org.import') && <ImportDrawer open={importOpen} onClose={() => setImportOpen(false)} />}
    </Card>
  );
}
