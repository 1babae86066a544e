import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import type { LegalForm, OrgStatus } from '../../../shared/enums.js';
import { errorMessage } from '../../api/client.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { detailQuery } from '../regions/regions.api.js';
import { orgsMessages, useOrgFieldLabel, type OrgsMsgKey } from './orgs.messages.js';
import { orgHistoryQuery, orgQuery, type OrgHistoryEntry } from './orgs.api.js';

const ACTIONS: Record<string, { label: OrgsMsgKey; color: string }> = {
  create: { label: 'orgs.actionCreate', color: 'green' },
  update: { label: 'orgs.actionUpdate', color: 'blue' },
  import: { label: 'orgs.actionImport', color: 'purple' },
};

// Fields in the order of the form, so every entry reads the same way; anything unknown goes last.
const FIELD_ORDER = [
  'name',
  'formerNames',
  'legalForm',
  'creditCode',
  'category',
  'regionCode',
  'address',
  'foundedOn',
  'status',
  'certificateNo',
  'leaderName',
  'leaderIdNumber',
  'leaderPhone',
  'individualMembers',
  'unitMembers',
  'purpose',
  'activities',
  'venue',
  'hubOrgId',
  'isDemoSite',
  'isBrand',
  'isIncubating',
];
const rank = (f: string) => {
  const i = FIELD_ORDER.indexOf(f);
  return i < 0 ? FIELD_ORDER.length : i;
};

interface Row {
  field: string;
  from: unknown;
  to: unknown;
}

/** 变更历史: who changed what when (Beijing time) and why, field by field, newest first. */
export function OrgHistory({ orgId }: { orgId: number }) {
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const history = useQuery(orgHistoryQuery(orgId));
  const items = history.data?.items;

  // Region codes and hub ids mean little to a clerk: look up their names (a few requests, cached).
  const { regionCodes, hubIds } = useMemo(() => {
    const codes = new Set<string>();
    const hubs = new Set<number>();
    for (const e of items ?? []) {
      for (const [f, c] of Object.entries(e.changes)) {
        for (const v of [c.from, c.to]) {
          if (f === 'regionCode' && typeof v === 'string') codes.add(v);
          if (f === 'hubOrgId' && typeof v === 'number') hubs.add(v);
        }
      }
    }
    return { regionCodes: [...codes], hubIds: [...hubs] };
  }, [items]);
  const regions = useQueries({ queries: regionCodes.map((c) => ({ ...detailQuery(c), retry: false, staleTime: 300_000 })) });
  const hubs = useQueries({ queries: hubIds.map((id) => ({ ...orgQuery(id), retry: false, staleTime: 300_000 })) });
  const regionName = new Map(regionCodes.map((c, i) => [c, regions[i]?.data?.name]));
  const hubName = new Map(hubIds.map((id, i) => [id, hubs[i]?.data?.name]));

  if (history.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (history.isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorMessage(history.error)}
        extra={<Button onClick={() => history.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (history.data.items.length === 0) return <Empty description={t('orgs.historyEmpty')} />;

  const show = (field: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      return <Typography.Text type="secondary">{t('orgs.empty')}</Typography.Text>;
    }
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field === 'legalForm') return labels.legalForm(v as LegalForm);
    if (field === 'status') return labels.orgStatus(v as OrgStatus);
    if (field === 'regionCode' && typeof v === 'string') {
      const name = regionName.get(v);
      return name ? (
        <span>
          {name} <span className="mono history-code">{v}</span>
        </span>
      ) : (
        <span className="mono">{v}</span>
      );
    }
    if (field === 'hubOrgId' && typeof v === 'number') {
      return <Link to={`/orgs/${v}`}>{hubName.get(v) ?? `#${v}`}</Link>;
    }
    if (Array.isArray(v)) return v.join('、');
    if (field === 'creditCode' || field === 'leaderIdNumber' || field === 'leaderPhone' || field === 'foundedOn') {
      return <span className="mono">{String(v)}</span>;
    }
    return <span className="history-text">{String(v)}</span>;
  };

  const entry = (e: OrgHistoryEntry) => {
    const action = ACTIONS[e.action];
    const rows: Row[] = Object.entries(e.changes)
      .map(([field, c]) => ({ field, from: c.from, to: c.to }))
      .sort((a, b) => rank(a.field) - rank(b.field));
    // Version 1 is the record as first entered (by hand or by an import): one column of values, no "before".
    const initial = e.version === 1;
    return (
      <div className="history-entry">
        <div className="history-head">
          <Tag color={action?.color}>{action ? t(action.label) : e.action}</Tag>
          <strong className="history-who">{e.actorName ?? t('orgs.historySystem')}</strong>
          <span className="mono history-at">
            {formatDateTime(e.at)}
            {t('orgs.beijingTime')}
          </span>
          <Typography.Text type="secondary">{t('orgs.versionValue', { n: e.version })}</Typography.Text>
        </div>
        {e.action !== 'create' && (
          <div className="history-reason">
            {e.reason ? (
              t('orgs.historyReason', { reason: e.reason })
            ) : (
              <Typography.Text type="secondary">{t('orgs.historyNoReason')}</Typography.Text>
            )}
          </div>
        )}
        <Table<Row>
          className="history-table"
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('orgs.historyField'), dataIndex: 'field', key: 'field', width: 150, render: (f: string) => fieldLabel(f) },
            ...(initial
              ? [{ title: t('orgs.historyValue'), key: 'to', render: (_: unknown, r: Row) => show(r.field, r.to) }]
              : [
                  {
                    title: t('orgs.historyFrom'),
                    key: 'from',
                    render: (_: unknown, r: Row) => <span className="history-from">{show(r.field, r.from)}</span>,
                  },
                  {
                    title: t('orgs.historyTo'),
                    key: 'to',
                    render: (_: unknown, r: Row) => <span className="history-to">{show(r.field, r.to)}</span>,
                  },
                ]),
          ]}
        />
      </div>
    );
  };

  return (
    <Timeline
      className="org-history"
      items={history.data.items.map((e) => ({
        key: e.id,
        color: ACTIONS[e.action]?.color ?? 'gray',
        content: entry(e),
      }))}
    />
  );
}
