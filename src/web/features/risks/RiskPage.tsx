import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Timeline, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { Data, ServerText } from '../../components/Data.js';
import { RecordHead } from '../../components/RecordHead.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { letterUrl, riskQuery, type RiskItem } from './risks.api.js';
import { risksMessages } from './risks.messages.js';
import { RiskLevelTag, RiskStatusTag } from './risk-parts.js';
import { HandlerActions, ReportForm } from './RiskActions.js';
import './risks.css';

/** `/risks/:id`: the item with its evidence and rule basis, its steps in order, and what the reader may do next. */
export default function RiskPage() {
  const t = useT(risksMessages);
  const { id } = useParams();
  const riskId = Number(id);
  const q = useQuery(riskQuery(riskId));
  return (
    <RecordLoader query={q} validId={isRecordId(riskId)} skeletonRows={10} notFound={<Card><Result status="404" title={t('page.notFound')} /></Card>}>
      {(item) => <Detail item={item} />}
    </RecordLoader>
  );
}

/** A step's own fields, labelled (the interview's time and place, the record, the deadline, the report …). */
const STEP_FIELDS: Record<string, [key: string, label: Parameters<ReturnType<typeof useT<keyof typeof risksMessages.zh_CN>>>[0]][]> = {
  reminder: [['note', 'act.note']],
  interview_notice: [['date', 'f.date'], ['time', 'f.time'], ['place', 'f.place'], ['attendees', 'f.attendees'], ['reason', 'f.reason']],
  interview_record: [['heldOn', 'f.heldOn'], ['attendees', 'f.heldAttendees'], ['record', 'f.record'], ['rectifyItems', 'f.rectifyItems'], ['rectifyDueOn', 'f.rectifyDueOn']],
  report: [['measures', 'f.measures']],
  verification: [['note', 'f.verifyNote']],
  closed: [['note', 'f.closeNote']],
  opened: [['evidence', 'page.evidence']],
  signal_ended: [['evidence', 'page.evidence']],
};

function Steps({ item }: { item: RiskItem }) {
  const t = useT(risksMessages);
  return (
    <Timeline
      items={item.steps.map((s) => {
        const extra = s.step === 'verification' ? (s.data.passed ? t('f.passedYes') : t('f.passedNo')) : s.step === 'closed' && typeof s.data.outcome === 'string' ? t(`risk.outcome.${s.data.outcome as 'fixed'}`) : null;
        return {
          key: s.id,
          color: s.step === 'closed' ? 'green' : s.step === 'opened' ? 'red' : 'blue',
          children: (
            <div>
              <strong>{t(`risk.step.${s.step}`)}</strong> <span className="mono">{s.onDay}</span>
              {extra && <> · {extra}</>}
              <Typography.Text type="secondary">
                {' '}· {t('page.by')} <Data>{s.byName ?? '—'}</Data> · {formatDateTime(s.at, false)}
              </Typography.Text>
              <dl className="risk-step-data">
                {(STEP_FIELDS[s.step] ?? []).filter(([k]) => s.data[k]).map(([k, label]) => (
                  <div key={k}>
                    <dt>{t(label)}</dt>
                    <dd>
                      <ServerText>{String(s.data[k])}</ServerText>
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          ),
        };
      })}
    />
  );
}

function Detail({ item }: { item: RiskItem }) {
  const t = useT(risksMessages);
  usePageTitle(`${item.org.name} · ${t(`risk.kind.${item.kind}`)}`);
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const hasNotice = item.steps.some((s) => s.step === 'interview_notice');
  const hasRecord = item.steps.some((s) => s.step === 'interview_record');
  const actions = (
    <Space wrap className="no-print">
      {hasNotice && <Button icon={<FilePdfOutlined />} href={letterUrl(item.id, 'interview-notice')} target="_blank" rel="noreferrer">{t('page.printNotice')}</Button>}
      {hasRecord && <Button icon={<FilePdfOutlined />} href={letterUrl(item.id, 'rectification-notice')} target="_blank" rel="noreferrer">{t('page.printRectify')}</Button>}
    </Space>
  );
  const report = (
    <Card size="small" title={t('report.title')} className="app-section">
      <ReportForm item={item} />
    </Card>
  );
  const closedBanner = item.status === 'closed' && item.outcome && (
    <Alert type={item.outcome === 'fixed' ? 'success' : 'warning'} showIcon title={t('page.closed', { date: item.closedOn ?? '—', by: item.closedBy ?? '—', outcome: t(`risk.outcome.${item.outcome}`) })} description={item.closeNote && <ServerText>{item.closeNote}</ServerText>} />
  );
  return (
    <div className="app-page risk-page">
      <RecordHead backTo="/risks" backLabel={t('page.back')} title={<Data>{item.org.name}</Data>} tags={<><RiskLevelTag level={item.level} /><RiskStatusTag status={item.status} overdue={item.overdue} /></>} actions={actions}>
        <Typography.Text type="secondary" className="org-record-sub">
          <span className="mono">{t('page.no', { id: item.id })}</span> · {t(`risk.kind.${item.kind}`)} ·{' '}
          {user.permissions.includes('org.read') ? <Link to={`/orgs/${item.org.id}?tab=risks`}><Data>{item.region.name}</Data></Link> : <Data>{item.region.name}</Data>}
        </Typography.Text>
      </RecordHead>
      {(closedBanner || item.signalEndedOn) && (
        <div className="page-alert app-banner">
          {closedBanner || <Alert type="info" showIcon title={t('page.signalEnded', { date: item.signalEndedOn! })} />}
        </div>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          {/* On a phone the leader's form comes first: it is what they came for. */}
          {item.can.report && isMobile && report}
          <Card size="small" title={t('page.facts')} className="app-section">
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap', width: 1 } }} items={[
              { key: 'evidence', label: t('page.evidence'), span: 'filled', children: <ServerText>{item.evidence}</ServerText> },
              { key: 'detected', label: t('page.detectedOn'), children: <span className="mono">{item.detectedOn}</span> },
              { key: 'opened', label: t('page.openedOn'), children: <span className="mono">{item.openedOn}</span> },
              { key: 'due', label: t('page.dueOn'), children: <span className="mono">{item.dueOn}</span> },
              { key: 'owner', label: t('page.owner'), children: <Data>{item.owner.name}</Data> },
              ...(item.rectifyDueOn ? [{ key: 'rectify', label: t('page.rectifyDue'), children: <span className="mono">{item.rectifyDueOn}</span> }] : []),
              ...(item.remediedOn ? [{ key: 'remedied', label: t('page.remedied'), children: <span className="mono">{item.remediedOn}</span> }] : []),
              { key: 'basis', label: t('page.basis'), span: 'filled', children: <ServerText>{item.basis}</ServerText> },
            ]} />
          </Card>
          <Card size="small" title={t('page.steps')} className="app-section">
            <Steps item={item} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {item.can.report && !isMobile && report}
          {user.permissions.includes('risk.handle') && item.status !== 'closed' && (
            <Card size="small" title={t('page.actions')} className="app-section">
              <HandlerActions item={item} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
