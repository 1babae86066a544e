import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Table, Tabs, Typography } from 'antd';
import { EditOutlined, PrinterOutlined, UndoOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/session.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { RecordHead } from '../../components/RecordHead.js';
import { CategoryText, Data } from '../../components/Data.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { useOrgFieldLabel } from '../orgs/orgs.messages.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import { AppStatusTag, DueTag, KindTag, isChange, isDeregistration, isEstablishment } from './app-tags.js';
import { NotFoundCard } from './NotFoundCard.js';
import { AttachmentsPanel } from './AttachmentsPanel.js';
import { CertificateLinks } from './CertificateLinks.js';
import { ChecksList } from './ChecksList.js';
import { DiffTable } from './DiffTable.js';
import { OrgApplyActions } from './OrgApplyActions.js';
import { ReviewPanel } from './ReviewPanel.js';
import { Progress, Trail } from './ReviewTrail.js';
import { applicationQuery, useWithdrawApplication, type Application } from './applications.api.js';
import './applications.css';
import { usePageTitle } from '../../lib/page-title.js';

/** `/applications/:id`: the application, its documents, checks and trail; the opinion box when it is my turn. */
export default function ApplicationPage() {
  const { id } = useParams();
  const appId = Number(id);
  const q = useQuery(applicationQuery(appId));
  return (
    <RecordLoader query={q} validId={isRecordId(appId)} skeletonRows={14} notFound={<NotFoundCard />}>
      {(app) => <Detail app={app} />}
    </RecordLoader>
  );
}

function Detail({ app }: { app: Application }) {
  usePageTitle(app.name);
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const withdraw = useWithdrawApplication(app.id);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const o = app.data.org;
  const none = <Typography.Text type="secondary">{t('page.none')}</Typography.Text>;
  // What the application holds is data (names, addresses): shown as entered in either language.
  const orNone = (v: ReactNode) => (v === null || v === undefined || v === '' ? none : <Data>{v}</Data>);
  const lastEvent = (action: string) => [...app.events].reverse().find((e) => e.action === action);

  const doWithdraw = async (reason: string | undefined) => {
    await withdraw.mutateAsync(reason);
    message.success(t('page.withdrawn'));
    setWithdrawOpen(false);
  };

  // Where the application stands, in one sentence, with what the viewer can do about it.
  let banner: ReactNode = null;
  if (app.status === 'draft') {
    banner = (
      <Alert
        type="info"
        showIcon
        title={t('page.draftNote')}
        action={app.can.edit && <Button type="primary" onClick={() => navigate(`/applications/${app.id}/edit`)}>{t('page.continue')}</Button>}
      />
    );
  } else if (app.status === 'returned') {
    const e = lastEvent('return');
    banner = (
      <Alert
        type="warning"
        showIcon
        title={t('page.returnedNote')}
        description={
          e && (
            <div>
              <div className="pre-wrap return-opinion" data-value="">{e.opinion}</div>
              <Typography.Text type="secondary">{t('wizard.returnedBy', { step: e.step ? labels.step(e.step) : '', who: e.actorName, at: formatDateTime(e.at, false) })}</Typography.Text>
            </div>
          )
        }
        action={app.can.edit && <Button type="primary" onClick={() => navigate(`/applications/${app.id}/edit`)}>{t('page.correct')}</Button>}
      />
    );
  } else if (app.status === 'in_review' && app.currentStep) {
    banner = (
      <Alert
        type="info"
        showIcon
        title={
          <Space wrap>
            {t('page.waiting', { step: labels.step(app.currentStep), due: app.stepDueOn ? t('due.on', { date: app.stepDueOn }) : '' })}
            <DueTag item={app} withDate={false} />
          </Space>
        }
      />
    );
  } else if (app.status === 'approved') {
    banner = (
      <Alert
        type="success"
        showIcon
        title={app.certificateNo ? t('cert.issued') : labels.status('approved')}
        description={
          <Space direction="vertical" size={8}>
            {app.certificateNo && <CertificateLinks number={app.certificateNo} />}
            {app.org && !isDeregistration(app.kind) && user.role === 'org_leader' && (
              <Space wrap>
                <Typography.Text type="secondary">{t('page.afterApproval')}</Typography.Text>
                <OrgApplyActions org={{ id: app.org.id, name: app.org.name, legalForm: o.legalForm ?? null }} />
              </Space>
            )}
          </Space>
        }
      />
    );
  } else if (app.status === 'rejected') {
    const e = lastEvent('reject');
    banner = <Alert type="error" showIcon title={t('page.rejectedNote')} description={e && <div className="pre-wrap" data-value="">{e.opinion}</div>} />;
  } else if (app.status === 'withdrawn') {
    const e = lastEvent('withdraw');
    banner = <Alert type="info" showIcon title={labels.status('withdrawn')} description={e?.opinion && <div className="pre-wrap" data-value="">{e.opinion}</div>} />;
  }

  const actions = (
    <Space wrap className="no-print">
      <Button icon={<PrinterOutlined />} onClick={() => navigate(`/applications/${app.id}/print`, { state: { print: true } })}>
        {t('page.print')}
      </Button>
      {app.can.edit && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/applications/${app.id}/edit`)}>
          {t('page.edit')}
        </Button>
      )}
      {app.can.withdraw && (
        <Button danger icon={<UndoOutlined />} onClick={() => setWithdrawOpen(true)}>
          {t('page.withdraw')}
        </Button>
      )}
    </Space>
  );

  const content = (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      items={[
        { key: 'name', label: fieldLabel('name'), children: <strong>{orNone(o.name)}</strong>, span: 'filled' },
        { key: 'legalForm', label: fieldLabel('legalForm'), children: o.legalForm ? enumLabels.legalForm(o.legalForm) : none },
        ...(app.data.registrationType ? [{ key: 'rt', label: t('page.registrationType'), children: app.data.registrationType }] : []),
        { key: 'category', label: fieldLabel('category'), children: o.category ? <CategoryText value={o.category} /> : none },
        ...(o.creditCode ? [{ key: 'creditCode', label: fieldLabel('creditCode'), children: <span className="mono">{o.creditCode}</span> }] : []),
        { key: 'region', label: fieldLabel('region'), children: <Data>{app.regionPath}</Data>, span: 'filled' },
        { key: 'address', label: fieldLabel('address'), children: orNone(o.address), span: 'filled' },
        { key: 'foundedOn', label: fieldLabel('foundedOn'), children: o.foundedOn ? <span className="mono">{o.foundedOn}</span> : none },
        { key: 'leaderName', label: fieldLabel('leaderName'), children: orNone(o.leaderName) },
        { key: 'leaderIdNumber', label: fieldLabel('leaderIdNumber'), children: o.leaderIdNumber ? <span className="mono">{o.leaderIdNumber}</span> : none },
        { key: 'leaderPhone', label: fieldLabel('leaderPhone'), children: o.leaderPhone ? <span className="mono">{o.leaderPhone}</span> : none },
        { key: 'individualMembers', label: fieldLabel('individualMembers'), children: o.individualMembers == null ? none : formatCount(o.individualMembers) },
        { key: 'unitMembers', label: fieldLabel('unitMembers'), children: o.unitMembers == null ? none : formatCount(o.unitMembers) },
        { key: 'purpose', label: fieldLabel('purpose'), children: o.purpose ? <div className="pre-wrap" data-value="">{o.purpose}</div> : none, span: 'filled' },
        { key: 'activities', label: fieldLabel('activities'), children: o.activities ? <div className="pre-wrap" data-value="">{o.activities}</div> : none, span: 'filled' },
        { key: 'venue', label: fieldLabel('venue'), children: orNone(o.venue), span: 'filled' },
        ...(app.data.reason ? [{ key: 'reason', label: t('page.reason'), children: <div className="pre-wrap" data-value="">{app.data.reason}</div>, span: 'filled' as const }] : []),
      ]}
    />
  );

  const members = (
    <Table
      rowKey={(_, i) => String(i)}
      size="small"
      dataSource={app.data.members}
      pagination={app.data.members.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('wizard.noMembers') }}
      columns={[
        { title: '#', key: 'i', width: 48, render: (_: unknown, __: unknown, i: number) => <span className="mono">{i + 1}</span> },
        { title: t('wizard.memberName'), dataIndex: 'name', render: (v: string) => <Data>{v}</Data> },
        { title: t('wizard.memberKind'), dataIndex: 'kind', render: (k: string) => (k === 'unit' ? t('wizard.unit') : t('wizard.individual')) },
        { title: fieldLabel('leaderPhone'), dataIndex: 'phone', render: (p: string | null) => (p ? <span className="mono">{p}</span> : '—') },
      ]}
    />
  );

  const showChecks = app.checks.length > 0;
  const tabs = [
    { key: 'content', label: t('page.tabContent'), children: content },
    ...(isEstablishment(app.kind) || app.data.members.length > 0
      ? [{ key: 'members', label: t('page.members', { n: app.data.members.length }), children: members }]
      : []),
    ...(app.data.charter ? [{ key: 'charter', label: t('page.charter'), children: <div className="pre-wrap charter-text" data-value="">{app.data.charter}</div> }] : []),
    {
      key: 'files',
      label: t('page.tabFiles', { n: app.attachments.length }),
      children: <AttachmentsPanel app={app} editable={false} required={isEstablishment(app.kind)} />,
    },
  ];

  return (
    <div className="app-page">
      <RecordHead
        backTo="/applications"
        backLabel={t('page.back')}
        title={<Data>{app.name}</Data>}
        tags={
          <>
            <KindTag kind={app.kind} />
            <AppStatusTag status={app.status} />
            <DueTag item={app} />
          </>
        }
        actions={actions}
      >
        <Typography.Text type="secondary" className="org-record-sub">
          <span className="mono">{t('page.no', { id: app.id })}</span> · <Data>{app.regionPath}</Data> · {t('page.applicantOf')}
          <Data>{app.applicant.displayName}</Data>
          {app.onBehalf && t('page.onBehalf')}
          {app.submittedAt && ` · ${t('page.submittedAt')} ${formatDateTime(app.submittedAt, false)}`}
          {app.decidedAt && ` · ${t('page.decidedAt')} ${formatDateTime(app.decidedAt, false)}`}
        </Typography.Text>
        {app.org && !isEstablishment(app.kind) && (
          <Typography.Text type="secondary" className="org-record-sub">
            {t('page.changeOrg')}
            {user.permissions.includes('org.read') ? <Link to={`/orgs/${app.org.id}`}><Data>{app.org.name}</Data></Link> : <Data>{app.org.name}</Data>}
          </Typography.Text>
        )}
        {app.steps.length > 0 && <Progress steps={app.steps} currentStep={app.currentStep} status={app.status} events={app.events} />}
      </RecordHead>
      {banner && <div className="page-alert app-banner">{banner}</div>}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          {showChecks && (
            <Card size="small" title={t('page.tabChecks', { n: app.checks.length })} className="app-section">
              <ChecksList checks={app.checks} />
            </Card>
          )}
          {isChange(app.kind) && app.diff && (
            <Card size="small" title={t('page.tabDiff')} className="app-section">
              <DiffTable diff={app.diff} />
            </Card>
          )}
          <Card className="app-section">
            <Tabs items={tabs} destroyOnHidden={false} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {app.can.review && <ReviewPanel app={app} />}
          <Card size="small" title={t('page.tabTrail')} className="app-section">
            <Trail events={app.events} />
          </Card>
        </Col>
      </Row>
      <ReasonModal
        open={withdrawOpen}
        formName="withdraw"
        title={t('page.withdrawTitle')}
        hint={t('page.withdrawHint')}
        label={t('page.withdrawReason')}
        okText={t('page.withdraw')}
        cancelText={t('common.cancel')}
        loading={withdraw.isPending}
        onCancel={() => setWithdrawOpen(false)}
        onConfirm={doWithdraw}
      />
    </div>
  );
}

