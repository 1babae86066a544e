import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Card, Table } from 'antd';
import type { LegalForm, OrgStatus } from '../../../shared/enums.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { LoadError } from '../../components/LoadError.js';
import { statsOrgsQuery, type OrgScope } from './stats.api.js';
import { statsMessages } from './stats.messages.js';
import { CategoryText, Data } from '../../components/Data.js';

const SCOPE_TEXT = { register: 'scopeRegister', urban: 'scopeUrban', rural: 'scopeRural', added: 'scopeAdded' } as const;

/** The organizations a figure counts: in the register on the date (or of one kind of community, or entered this year). */
export function OrgsBehind({ region, regionName, asOf, scope }: { region: string; regionName: string; asOf: string; scope: OrgScope }) {
  const t = useT(statsMessages);
  const labels = useEnumLabels();
  const [page, setPage] = useState(1);
  const q = useQuery(statsOrgsQuery({ region, asOf, scope, page }));
  return (
    <Card title={<>{t('orgList')} · <Data>{regionName}</Data>{t('orgListOf', { node: '', scope: t(SCOPE_TEXT[scope]) })}</>} size="small" className="stats-card" data-testid="orgs-behind">
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('orgsTotal', { n }) }}
          columns={[
            { title: t('name'), dataIndex: 'name', render: (name: string, o) => <Link to={`/orgs/${o.id}`}><Data>{name}</Data></Link> },
            { title: t('form'), dataIndex: 'legalForm', render: (f: LegalForm) => labels.legalForm(f) },
            { title: t('category'), dataIndex: 'category', render: (c: string) => <CategoryText value={c} /> },
            { title: t('region'), key: 'region', render: (_, o) => <Data>{o.region.name}</Data> },
            { title: t('status'), dataIndex: 'status', render: (s: OrgStatus) => labels.orgStatus(s) },
            { title: t('recordedOn'), dataIndex: 'recordedOn' },
          ]}
        />
      )}
    </Card>
  );
}
