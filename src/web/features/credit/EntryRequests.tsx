import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import type { ReviewDecision } from '../../../shared/enums.js';
import { Data } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { Progress, Trail } from '../applications/ReviewTrail.js';
import { requestCaseQuery, useDecideRequest, type CreditEntry, type CreditRequest } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import { ReasonModal } from '../../components/ReasonModal.js';

const REQUEST_COLORS: Record<CreditRequest['status'], string | undefined> = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: undefined };

/**
 * The organization's objection (陈述申辩) and removal applications, each with its case on the shared review chain:
 * where it stands, the trail, and for the district at its step the decision (approve / reject with a reason).
 */
export function EntryRequests({ entry }: { entry: CreditEntry }) {
  const t = useT(creditMessages);
  if (entry.requests.length === 0) return null;
  return (
    <Card className="org-record-body" title={`${t('entry.objection')} / ${t('entry.removal')}`} data-testid="credit-requests">
      {entry.requests.map((r) => (
        <RequestItem key={r.id} request={r} />
      ))}
    </Card>
  );
}

function RequestItem({ request }: { request: CreditRequest }) {
  const t = useT(creditMessages);
  const { message } = App.useApp();
  const c = useQuery(requestCaseQuery(request.caseId));
  const decide = useDecideRequest();
  const [deciding, setDeciding] = useState<ReviewDecision | null>(null);
  const objection = request.kind === 'objection';
  const canDecide = request.status === 'pending' && c.data?.canDecide === true;
  return (
    <section className="credit-request" data-testid={`credit-request-${request.kind}`}>
      <div className="credit-request-head">
        <strong>{t(objection ? 'entry.objection' : 'entry.removal')}</strong>
        <Tag color={REQUEST_COLORS[request.status]}>{t(`req.${request.status}`)}</Tag>
        <Typography.Text type="secondary">
          <Data>{request.filedBy}</Data> · <span className="mono">{request.filedOn}</span>
        </Typography.Text>
      </div>
      <div className="pre-wrap credit-statement" data-value="">{request.statement}</div>
      {request.opinion && (
        <div className="trail-opinion pre-wrap">
          {t('act.opinionLabel')}<Data>{request.opinion}</Data> {request.decidedOn && <span className="mono">{request.decidedOn}</span>}
        </div>
      )}
      {c.isError ? (
        <LoadError error={c.error} onRetry={() => c.refetch()} />
      ) : (
        c.data && (
          <div className="credit-request-case">
            <Typography.Text type="secondary">{t(objection ? 'entry.objectionTrail' : 'entry.removalTrail')}</Typography.Text>
            <Progress steps={c.data.steps} currentStep={c.data.currentStep} status={c.data.status} events={c.data.events} />
            <Trail events={c.data.events} />
          </div>
        )
      )}
      {canDecide && (
        <Space wrap className="no-print">
          <Button type="primary" onClick={() => setDeciding('approve')}>
            {t(objection ? 'act.uphold' : 'act.approveRemoval')}
          </Button>
          <Button danger onClick={() => setDeciding('reject')}>
            {t(objection ? 'act.reject' : 'act.rejectRemoval')}
          </Button>
        </Space>
      )}
      <ReasonModal
        open={deciding !== null}
        formName={`credit_decide_${request.id}`}
        title={t(objection ? 'act.decideTitle' : 'act.decideRemovalTitle')}
        hint={t(objection ? 'act.decideHint' : 'act.decideRemovalHint')}
        label={t('act.opinion')}
        requiredText={t('act.required', { field: t('act.opinion') })}
        field="opinion"
        okText={t('act.confirm')}
        cancelText={t('act.cancel')}
        danger={deciding === 'reject'}
        loading={decide.isPending}
        maxLength={2000}
        onCancel={() => setDeciding(null)}
        onConfirm={(opinion) =>
          decide.mutateAsync({ requestId: request.id, decision: deciding!, opinion: opinion ?? '' }).then(() => {
            void message.success(t('act.done'));
            setDeciding(null);
          })
        }
      />
    </section>
  );
}
