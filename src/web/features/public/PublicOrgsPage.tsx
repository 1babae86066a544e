import { LoadError } from '../../components/LoadError.js';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { LEGAL_FORMS, type LegalForm, type OrgStatus } from '../../../shared/enums.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { OrgStatusTag, OrgSummary } from '../orgs/org-tags.js';
import { publicOrgsQuery, publicPlacesQuery, type PublicListParams, type PublicOrgListItem } from './public.api.js';
import { publicMessages } from './public.messages.js';
import { CategoryText, Data } from '../../components/Data.js';

// Grassroots organizations are never public (orgs.public.ts), so they are not offered as a filter.
const PUBLIC_FORMS = LEGAL_FORMS.filter((f) => f !== 'grassroots');

function readParams(params: URLSearchParams): PublicListParams {
  const form = params.get('form');
  return {
    q: params.get('q')?.trim() || undefined,
    form: form && (PUBLIC_FORMS as readonly string[]).includes(form) ? (form as LegalForm) : undefined,
    region: /^\d{6}$/.test(params.get('region') ?? '') ? params.get('region')! : undefined,
    page: intParam(params, 'page', 1),
    pageSize: intParam(params, 'pageSize', 20, 100),
  };
}

/** `/public`: anyone may look an organization up by name, pinyin initials or credit code. */
export default function PublicOrgsPage() {
  const t = useT(publicMessages);
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const p = readParams(params);
  const list = useQuery(publicOrgsQuery(p));
  const places = useQuery(publicPlacesQuery());

  const nameLink = (o: PublicOrgListItem) => (
    <Link to={`/public/orgs/${o.id}`} className="org-name-link">
      <Data>{o.name}</Data>
    </Link>
  );

  const desktopColumns: TableColumnsType<PublicOrgListItem> = [
    { title: t('public.nameCol'), key: 'name', render: (_: unknown, o) => nameLink(o) },
    { title: t('public.formCol'), dataIndex: 'legalForm', key: 'legalForm', render: (f: LegalForm) => labels.legalForm(f) },
    { title: t('public.categoryCol'), dataIndex: 'category', key: 'category', render: (c: string) => <CategoryText value={c} /> },
    { title: t('public.place'), dataIndex: 'regionPath', key: 'regionPath', render: (v: string) => <Data>{v}</Data> },
    { title: t('public.statusCol'), dataIndex: 'status', key: 'status', render: (s: OrgStatus) => <OrgStatusTag status={s} /> },
    {
      title: t('public.foundedCol'),
      dataIndex: 'foundedOn',
      key: 'foundedOn',
      render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
    },
  ];
  const phoneColumns: TableColumnsType<PublicOrgListItem> = [
    {
      title: t('public.nameCol'),
      key: 'summary',
      render: (_: unknown, o) => <OrgSummary name={nameLink(o)} org={o} />,
    },
  ];

  return (
    <Card className="public-card">
      <div className="public-search">
        <Input.Search
          key={p.q ?? ''}
          defaultValue={p.q}
          size="large"
          placeholder={t('public.search')}
          allowClear
          enterButton={t('common.search')}
          maxLength={100}
          onSearch={(q) => update({ q: q.trim() })}
          aria-label={t('public.search')}
        />
        <Select
          size="large"
          value={p.form}
          placeholder={t('public.formFilter')}
          allowClear
          options={PUBLIC_FORMS.map((f) => ({ value: f, label: labels.legalForm(f) }))}
          onChange={(form?: string) => update({ form })}
          className="public-form-filter"
          popupMatchSelectWidth={false}
        />
        {/* The office's own province first (the server orders them), the district found by typing its name. */}
        <Select
          size="large"
          value={p.region}
          placeholder={t('public.regionFilter')}
          aria-label={t('public.regionFilter')}
          allowClear
          showSearch={{ optionFilterProp: 'search' }}
          loading={places.isPending}
          options={(places.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.path} ${r.name}`, search: `${r.path}${r.name}` }))}
          onChange={(region?: string) => update({ region })}
          className="public-region-filter"
          popupMatchSelectWidth={false}
        />
      </div>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<PublicOrgListItem>
          rowKey="id"
          size="middle"
          columns={isMobile ? phoneColumns : desktopColumns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          rowClassName="clickable-row"
          onRow={(o) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a, button')) return;
              navigate(`/public/orgs/${o.id}`);
            },
          })}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          locale={{
            emptyText: list.isPending ? (
              ' '
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <span>
                    {t('public.empty')}
                    <br />
                    <Typography.Text type="secondary">{t('public.emptyHint')}</Typography.Text>
                  </span>
                }
              />
            ),
          }}
          pagination={{
            current: p.page,
            pageSize: p.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            size: isMobile ? 'small' : undefined,
          }}
          onChange={(pagination) => update({ page: pagination.current === 1 ? null : pagination.current })}
        />
      )}
    </Card>
  );
}
