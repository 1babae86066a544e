import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import { errorMessage } from '../../api/client.js';
import { Data, ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { proposalsQuery, useDecideProposal, type CreditProposal } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { ListTag } from './credit-tags.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { subjectLink } from './subject-link.js';

/**
 * 待确认线索: facts the rules found that a person must confirm before a notice goes out (a party organization not set
 * up, 60号令 第十条第（二）项), oldest first. Confirming sends the notice; dismissing needs a reason.
 */
export function ProposalsTab() {
  const t = useT(creditMessages);
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const page = intParam(params, 'page', 1);
  const q = useQuery(proposalsQuery({ status: 'pending', page, pageSize: 20 }));
  const decide = useDecideProposal();
  const [dismissing, setDismissing] = useState<CreditProposal | null>(null);

  const confirm = (p: CreditProposal) =>
    modal.confirm({
      title: t('prop.confirmTitle'),
      content: t('prop.confirmHint'),
      okText: t('prop.confirm'),
      cancelText: t('act.cancel'),
      onOk: () =>
        decide
          .mutateAsync({ id: p.id, action: 'confirm', version: p.version })
          .then(() => void message.success(t('prop.done')))
          .catch((err: unknown) => void message.error(errorMessage(err))),
    });

  const orgCell = (r: CreditProposal) => <Link to={`/orgs/${r.org.id}?tab=credit`}><Data>{r.org.name}</Data></Link>;
  const groundCell = (r: CreditProposal) => (
    <div>
      <ListTag list={r.list} /> <ServerText>{r.groundLabel}</ServerText>
      <div className="credit-basis"><ServerText>{r.basis.text}</ServerText></div>
    </div>
  );
  const evidenceCell = (r: CreditProposal) => {
    const link = subjectLink(r.subject);
    return (
      <div className="credit-evidence">
        <ServerText>{r.evidence}</ServerText>
        {link && <div><Link to={link}>{t('entry.subject')}</Link></div>}
      </div>
    );
  };
  const actionsCell = (r: CreditProposal) => (
    <Space wrap>
      <Button type="primary" size="small" onClick={() => confirm(r)}>
        {t('prop.confirm')}
      </Button>
      <Button size="small" danger onClick={() => setDismissing(r)}>
        {t('prop.dismiss')}
      </Button>
    </Space>
  );
  const desktopColumns: TableColumnsType<CreditProposal> = [
    { title: t('credit.col.org'), key: 'org', width: 180, render: (_: unknown, r) => orgCell(r) },
    { title: t('credit.col.ground'), key: 'ground', width: 340, render: (_: unknown, r) => groundCell(r) },
    { title: t('prop.col.detected'), dataIndex: 'factOn', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('prop.col.evidence'), key: 'evidence', width: 260, render: (_: unknown, r) => evidenceCell(r) },
    { title: '', key: 'actions', width: 150, fixed: 'right' as const, render: (_: unknown, r) => actionsCell(r) },
  ];
  // A phone gets one column (no sideways scrolling): organization, ground and basis, the day, evidence, decisions.
  const phoneColumns: TableColumnsType<CreditProposal> = [
    {
      title: t('credit.col.org'),
      key: 'summary',
      render: (_: unknown, r) => (
        <div className="credit-summary">
          {orgCell(r)}
          {groundCell(r)}
          <div className="mono">{r.factOn}</div>
          {evidenceCell(r)}
          {actionsCell(r)}
        </div>
      ),
    },
  ];

  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <Table<CreditProposal>
        rowKey="id"
        size="middle"
        dataSource={q.data?.items}
        loading={q.isFetching}
        // Fixed widths so the long basis and evidence wrap and the decisions stay in view; one column on a phone.
        scroll={isMobile ? undefined : { x: 1040 }}
        locale={{
          emptyText: q.isPending ? ' ' : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('prop.empty')}<br /><Typography.Text type="secondary">{t('prop.emptyHint')}</Typography.Text></span>} />
          ),
        }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, showTotal: (n) => t('common.total', { n }), size: isMobile ? 'small' : undefined }}
        onChange={(pagination) => update({ page: pagination.current === 1 ? null : (pagination.current ?? null) })}
        columns={isMobile ? phoneColumns : desktopColumns}
      />
      <ReasonModal
        open={dismissing !== null}
        formName="creditDismiss"
        title={t('prop.dismissTitle')}
        hint={t('prop.dismissHint')}
        label={t('act.reason')}
        requiredText={t('act.required', { field: t('act.reason') })}
        field="reason"
        okText={t('prop.dismiss')}
        cancelText={t('act.cancel')}
        danger
        loading={decide.isPending}
        onCancel={() => setDismissing(null)}
        onConfirm={(reason) =>
          decide.mutateAsync({ id: dismissing!.id, action: 'dismiss', version: dismissing!.version, reason: reason ?? '' }).then(() => {
            void message.success(t('prop.done'));
            setDismissing(null);
          })
        }
      />
    </>
  );
}
