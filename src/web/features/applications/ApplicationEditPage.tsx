import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/client.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { applicationsMessages, useAppLabels } from './applications.messages.js';
import { NotFoundCard } from './NotFoundCard.js';
import { AppStatusTag, isDeregistration, isEstablishment } from './app-tags.js';
import { applicationQuery, useSaveApplication, useSubmitApplication, type Application, type AttachmentKind } from './applications.api.js';
import { BasicStep } from './wizard/BasicStep.js';
import { CharterStep } from './wizard/CharterStep.js';
import { CheckStep } from './wizard/CheckStep.js';
import { FilesStep } from './wizard/FilesStep.js';
import { PeopleStep } from './wizard/PeopleStep.js';
import { ReasonStep } from './wizard/ReasonStep.js';
import { WizardStepsBar } from './wizard/WizardStepsBar.js';
import { dataOf, stepOfPath as stepOfPathIn, stepsFor, valuesOf, type Path, type StepKey, type Values } from './wizard/wizard-form.js';
import './applications.css';

// The wizard: this page holds the form, the version, the errors and the current step; wizard/ holds one component per
// step (all mounted, the others hidden, so a server message can land on any field) and the form's data rules.

/** `/applications/:id/edit`: the applicant's wizard for a draft or a returned application. */
export default function ApplicationEditPage() {
  const { id } = useParams();
  const appId = Number(id);
  const t = useT(applicationsMessages);
  const q = useQuery(applicationQuery(appId));
  const navigate = useNavigate();

  return (
    <RecordLoader query={q} validId={isRecordId(appId)} skeletonRows={12} notFound={<NotFoundCard />}>
      {(app) => {
        if (!app.can.edit) {
          return (
            <Card>
              <Result
                status="info"
                title={t('wizard.notEditable')}
                subTitle={t('wizard.notEditableHint')}
                extra={<Button onClick={() => navigate(`/applications/${appId}`)}>{t('page.back')}</Button>}
              />
            </Card>
          );
        }
        return <Wizard key={app.id} app={app} onReload={() => q.refetch()} />;
      }}
    </RecordLoader>
  );
}

function Wizard({ app, onReload }: { app: Application; onReload: () => Promise<{ data?: Application }> }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveApplication(app.id);
  const submit = useSubmitApplication(app.id);
  const steps = stepsFor(app.kind);
  const [step, setStep] = useState<StepKey>(steps[0]);
  // The version this page edits: moved on by our own saves only, so another tab's save shows up as a conflict.
  const version = useRef(app.version);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [fileErrors, setFileErrors] = useState<Partial<Record<AttachmentKind, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [errorTick, setErrorTick] = useState(0);
  const initialValues = useMemo(() => valuesOf(app), []); // eslint-disable-line react-hooks/exhaustive-deps
  const establishment = isEstablishment(app.kind);
  const deregistration = isDeregistration(app.kind);
  const lastReturn = app.status === 'returned' ? [...app.events].reverse().find((e) => e.action === 'return') : undefined;
  const markDirty = () => setDirty(true);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const stepOfPath = (path: Path): StepKey => stepOfPathIn(path, steps, establishment);

  // Which steps hold a problem (the Steps bar marks them).
  const stepErrors = useMemo(() => {
    const set = new Set<StepKey>();
    for (const f of form.getFieldsError()) if (f.errors.length > 0) set.add(stepOfPath(f.name as Path));
    if (Object.keys(fileErrors).length > 0) set.add(establishment ? 'files' : 'reason');
    if (general.length > 0) set.add('check');
    return set;
  }, [errorTick, fileErrors, general]); // eslint-disable-line react-hooks/exhaustive-deps

  // Every step's fields stay mounted (hidden when not shown), so server messages can land on any of them.
  const fieldsOfStep = (s: StepKey): Path[] => form.getFieldsError().map((f) => f.name as Path).filter((p) => stepOfPath(p) === s);

  const persist = async (): Promise<Application | null> => {
    const values = form.getFieldsValue(true) as Values;
    try {
      const saved = await save.mutateAsync({ version: version.current, data: dataOf(values, app) });
      version.current = saved.version;
      setDirty(false);
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'application.version_conflict') {
        setConflict(true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
        return null;
      }
      showServerErrors(err);
      return null;
    }
  };

  const showServerErrors = (err: unknown) => {
    if (!(err instanceof ApiError) || !err.fields) {
      message.error(errorMessage(err));
      return;
    }
    const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const fields: { name: Path; errors: string[] }[] = [];
    const files: Partial<Record<AttachmentKind, string>> = {};
    const rest: string[] = [];
    for (const [raw, msg] of Object.entries(err.fields)) {
      const key = raw.replace(/^data\./, '');
      if (key.startsWith('attachments.')) {
        files[key.slice('attachments.'.length) as AttachmentKind] = msg;
        continue;
      }
      const path: Path = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      if (known.has(JSON.stringify(path))) fields.push({ name: path, errors: [msg] });
      else rest.push(msg);
    }
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setFileErrors(files);
    setGeneral(rest);
    setErrorTick((n) => n + 1);
    const first = fields[0]?.name;
    const target = first ? stepOfPath(first) : Object.keys(files).length > 0 ? (establishment ? 'files' : 'reason') : 'check';
    setStep(target);
    if (first) setTimeout(() => form.scrollToField(first, { block: 'center' }), 50);
    message.error(t('wizard.fixErrors'));
  };

  const saveDraft = async () => {
    const saved = await persist();
    if (saved) message.success(t('wizard.saved'));
  };

  const go = async (target: StepKey) => {
    // Saving on the way to the last step brings the server's checks up to date.
    if (target === 'check' && (dirty || step !== 'check')) await persist();
    setStep(target);
    window.scrollTo({ top: 0 });
  };

  const next = async () => {
    try {
      await form.validateFields(fieldsOfStep(step), { recursive: true });
    } catch {
      setErrorTick((n) => n + 1);
      const first = form.getFieldsError().find((f) => f.errors.length > 0 && stepOfPath(f.name as Path) === step);
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    const i = steps.indexOf(step);
    if (dirty) await persist();
    await go(steps[i + 1]);
  };

  const doSubmit = async () => {
    try {
      await form.validateFields();
    } catch {
      setErrorTick((n) => n + 1);
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) {
        setStep(stepOfPath(first.name as Path));
        setTimeout(() => form.scrollToField(first.name, { block: 'center' }), 50);
      }
      message.error(t('wizard.fixErrors'));
      return;
    }
    const saved = await persist();
    if (!saved) return;
    modal.confirm({
      title: t('wizard.submitConfirm'),
      content: t('wizard.submitHint'),
      okText: app.status === 'returned' ? t('wizard.resubmit') : t('wizard.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit.mutateAsync().then(
          (done) => {
            message.success(t('wizard.submitted', { step: done.currentStep ? labels.step(done.currentStep) : '' }));
            navigate(`/applications/${app.id}`);
          },
          (err) => showServerErrors(err),
        ),
    });
  };

  const reload = async () => {
    const fresh = await onReload();
    if (fresh.data) {
      version.current = fresh.data.version;
      form.resetFields();
      form.setFieldsValue(valuesOf(fresh.data));
    }
    setConflict(false);
    setDirty(false);
  };

  const section = (key: StepKey, children: ReactNode) => (
    <div hidden={step !== key} className="wizard-panel">
      {children}
    </div>
  );
  const goTo = (target: StepKey) => void go(target);

  const i = steps.indexOf(step);
  const isLast = i === steps.length - 1;
  const saving = save.isPending;

  return (
    <div className="wizard-page">
      <div className="org-record-back no-print">
        <Link to={`/applications/${app.id}`}>
          <ArrowLeftOutlined /> {t('page.no', { id: app.id })}
        </Link>
      </div>
      <div className="page-head">
        <Typography.Title level={4} className="page-title">
          {t('wizard.titleNew', { kind: labels.kind(app.kind) })}
          {app.data.org.name ? `：${app.data.org.name}` : ''}
        </Typography.Title>
        <Space>
          <AppStatusTag status={app.status} />
          {dirty && <Typography.Text type="warning">{t('wizard.unsaved')}</Typography.Text>}
        </Space>
      </div>
      {conflict && <ConflictAlert title={t('wizard.conflict')} hint={t('wizard.conflictHint')} reloadLabel={t('wizard.reload')} onReload={reload} />}
      {lastReturn && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title={t('wizard.returned')}
          description={
            <div>
              <div className="pre-wrap return-opinion">{lastReturn.opinion}</div>
              <Typography.Text type="secondary">
                {t('wizard.returnedBy', { step: lastReturn.step ? labels.step(lastReturn.step) : '', who: lastReturn.actorName, at: formatDateTime(lastReturn.at, false) })}
              </Typography.Text>
            </div>
          }
        />
      )}
      <WizardStepsBar steps={steps} step={step} errors={stepErrors} onGo={goTo} />
      <Card className="wizard-body">
        <Form
          form={form}
          name="appForm"
          layout="vertical"
          requiredMark="optional"
          initialValues={initialValues}
          onValuesChange={() => setDirty(true)}
          onFieldsChange={() => setErrorTick((n) => n + 1)}
          autoComplete="off"
          scrollToFirstError={false}
        >
          {!deregistration && section('basic', <BasicStep app={app} />)}
          {!deregistration && section('people', <PeopleStep app={app} form={form} onDirty={markDirty} />)}
          {!deregistration && section('charter', <CharterStep app={app} form={form} onDirty={markDirty} />)}
          {establishment && section('files', <FilesStep app={app} errors={fileErrors} />)}
          {!establishment && section('reason', <ReasonStep app={app} fileErrors={fileErrors} />)}
          {section('check', <CheckStep app={app} steps={steps} general={general} onGo={goTo} />)}
        </Form>
      </Card>
      <div className="org-form-actions wizard-actions no-print">
        <Space wrap>
          <Button disabled={i === 0} onClick={() => void go(steps[i - 1])}>
            {t('wizard.prev')}
          </Button>
          <Button icon={<SaveOutlined />} onClick={saveDraft} loading={saving}>
            {t('wizard.saveDraft')}
          </Button>
        </Space>
        {isLast ? (
          <Button type="primary" icon={<SendOutlined />} onClick={doSubmit} loading={submit.isPending} disabled={saving}>
            {app.status === 'returned' ? t('wizard.resubmit') : t('wizard.submit')}
          </Button>
        ) : (
          <Button type="primary" onClick={next} loading={saving}>
            {t('wizard.next')}
          </Button>
        )}
      </div>
    </div>
  );
}
