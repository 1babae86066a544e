import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { ELIGIBILITY_PURPOSES } from '../../../shared/schemas/credit-public.js';
import { useCan } from '../../auth/session.js';
import { ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { creditListQuery, eligibilityQuery, isCurrent, type CreditListItem } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { CreditStatusTag, GroundText, ListTag, Timers } from './credit-tags.js';
import { OrgLetters } from './OrgLetters.js';
import './credit.css';

/** The record header's mark: shown only when the organization may not take part in evaluation, funding or purchase. */
export function IneligibleBadge({ orgId }: { orgId: number }) {
  const t = useT(creditMessages);
  const can = useCan();
  const q = useQuery({ ...eligibilityQuery(orgId), enabled: can('credit.read') });
  if (!q.data || q.data.eligible) return null;
  return (
    <Tooltip title={t('org.ineligibleTip')}>
      <Tag color="error" icon={<StopOutlined />} data-testid="ineligible-badge">
        {t('org.ineligibleBadge')}
      </Tag>
    </Tooltip>
  );
}

/** The organization record's 信用 tab: eligibility with its reasons, then current and past entries, then the letters. */
export function OrgCredit({ orgId }: { orgId: number }) {
  const t = useT(creditMessages);
  const can = useCan();
  const eligibility = useQuery(eligibilityQuery(orgId));
  // Both lists at once, newest notice first: an organization has a handful of entries at most.
  const entries = useQuery(creditListQuery({ org: orgId, sort: 'noticedOn', order: 'desc', page: 1, pageSize: 200 }));
  const items = entries.data?.items ?? [];
  const current = items.filter(isCurrent);
  const past = items.filter((e) => !isCurrent(e));

  const table = (rows: CreditListItem[], empty: string) => (
    <Table<CreditListItem>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: true }}
      loading={entries.isFetching}
      locale={{ emptyText: entries.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      columns={[
        { title: t('entry.list'), key: 'list', render: (_: unknown, r) => <ListTag list={r.list} /> },
        { title: t('credit.col.ground'), key: 'ground', render: (_: unknown, r) => <Link to={`/credit/${r.id}`}><GroundText entry={r} /></Link> },
        { title: t('credit.col.status'), key: 'status', render: (_: unknown, r) => <CreditStatusTag status={r.status} /> },
        { title: t('credit.col.noticedOn'), dataIndex: 'noticedOn', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('credit.col.timers'), key: 'timers', render: (_: unknown, r) => <Timers entry={r} /> },
      ]}
    />
  );

  return (
    <div className="org-credit" data-testid="org-credit">
      {eligibility.isError ? (
        <LoadError error={eligibility.error} onRetry={() => eligibility.refetch()} />
      ) : (
        eligibility.data && (
          <section className="credit-eligibility">
            <Alert
              type={eligibility.data.eligible ? 'success' : 'error'}
              showIcon
              title={`${t(eligibility.data.eligible ? 'org.eligible' : 'org.ineligible')} · ${t('org.asOf', { date: eligibility.data.on })}`}
            />
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
              items={ELIGIBILITY_PURPOSES.map((p) => {
                const purpose = eligibility.data.purposes[p];
                return {
                  key: p,
                  label: t(`org.purpose.${p}`),
                  children: purpose?.eligible !== false ? (
                    <Tag color="success">{t('org.eligible')}</Tag>
                  ) : (
                    <div className="credit-reasons">
                      <Tag color="error">{t('org.ineligible')}</Tag>
                      {purpose.reasons.map((r, i) => (
                        <div key={i} className="credit-reason">
                          <ServerText>{r.text}</ServerText>
                          <Typography.Text type="secondary" className="credit-basis">
                            <ServerText>{r.basis.text}</ServerText>
                          </Typography.Text>
                        </div>
                      ))}
                    </div>
                  ),
                };
              })}
            />
          </section>
        )
      )}
      {entries.isError ? (
        <LoadError error={entries.error} onRetry={() => entries.refetch()} />
      ) : (
        <>
          <Typography.Title level={5}>{t('org.current')}</Typography.Title>
          {table(current, t('org.none'))}
          {past.length > 0 && (
            <>
              <Typography.Title level={5}>{t('org.past')}</Typography.Title>
              {table(past, t('org.none'))}
            </>
          )}
        </>
      )}
      {can('credit.write') && <OrgLetters orgId={orgId} />}
    </div>
  );
}

export default OrgCredit;
