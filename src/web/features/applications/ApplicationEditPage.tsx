import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.js';
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
import { AutosaveNote, useAutosave, useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { dataOf, dataPathOf, isFilled, keepValid, stepOfPath as stepOfPathIn, stepsFor, valuesOf, type Path, type StepKey, type Values } from './wizard/wizard-form.js';
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
  const [changeTick, setChangeTick] = useState(0);
  const markDirty = () => {
    setDirty(true);
    setChangeTick((n) => n + 1);
  };
  // The draft the server last accepted: what a field that fails its rules falls back to in the next save.
  const lastSaved = useRef(app.data);
  // One save at a time (an autosave and a click must not race each other into a version conflict).
  const inflight = useRef<Promise<unknown>>(Promise.resolve());

  const stepOfPath = (path: Path): StepKey => stepOfPathIn(path, steps, establishment);
  // The shared form behaviour (lib/form-feedback.tsx); a problem on another step switches to that step first.
  const feedback = useFormFeedback(form, { name: 'appForm', reveal: (name) => setStep(stepOfPath(name)) });
  const guard = useUnsavedGuard(dirty);

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

  /** The typed fields that fail their rules, marked on the form (an empty field is only "not filled yet"). */
  const invalidTyped = async (): Promise<Path[]> => {
    const failing: Path[] = await form.validateFields({ validateOnly: true }).then(
      () => [],
      (e: { errorFields?: { name: Path }[] }) => (e.errorFields ?? []).map((f) => f.name),
    );
    const typed = failing.filter((p) => isFilled(form.getFieldValue(p as never)));
    if (typed.length > 0) await form.validateFields(typed).catch(() => {});
    setErrorTick((n) => n + 1);
    return typed;
  };

  /**
   * Saves the draft: everything that passes its rules, even when a field elsewhere does not (issue 22 item 3). A
   * field the server refuses is left out the same way and the save tried once more. Answers the saved application
   * and whether anything was left out (the page then stays "unsaved" and the guard keeps asking).
   */
  const persistNow = async (quiet: boolean): Promise<{ saved: Application; partial: boolean } | null> => {
    const values = form.getFieldsValue(true) as Values;
    const invalid = await invalidTyped();
    let data = keepValid(dataOf(values, app), invalid.map((p) => dataPathOf(p, values)), lastSaved.current);
    let refused: ApiError | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const saved = await save.mutateAsync({ version: version.current, data });
        version.current = saved.version;
        lastSaved.current = saved.data;
        const partial = invalid.length > 0 || refused !== null;
        if (!partial) setDirty(false);
        if (refused) void showServerErrors(refused, quiet);
        return { saved, partial };
      } catch (err) {
        if (err instanceof ApiError && err.code === 'application.version_conflict') {
          setConflict(true);
          window.scrollTo({ top: 0, behavior: 'smooth' });
          return null;
        }
        if (attempt === 0 && err instanceof ApiError && err.status === 400 && err.fields) {
          refused = err;
          const paths = Object.keys(err.fields).map((k) => k.replace(/^data\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
          data = keepValid(data, paths, lastSaved.current);
          continue;
        }
        void showServerErrors(err, quiet);
        return null;
      }
    }
    return null;
  };
  const persist = (quiet = false): Promise<{ saved: Application; partial: boolean } | null> => {
    const run = inflight.current.then(() => persistNow(quiet));
    inflight.current = run.catch(() => {});
    return run;
  };

  // The draft saves itself a moment after the typing stops (the server draft the wizard already has).
  const autosave = useAutosave({ dirty: dirty && !conflict, changeTick, save: async () => !!(await persist(true)) });

  /** The server's messages on their fields (a file's on its upload, the rest on the last step); quiet: no jump. */
  const showServerErrors = async (err: unknown, quiet = false) => {
    if (!(err instanceof ApiError) || !err.fields) {
      await feedback.showServerError(err);
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
    if (quiet) return;
    if (fields.length > 0) {
      await feedback.showFirstError();
      return;
    }
    setStep(Object.keys(files).length > 0 ? (establishment ? 'files' : 'reason') : 'check');
    message.error(t('wizard.fixErrors'));
  };

  const saveDraft = async () => {
    const done = await persist();
    if (!done) return;
    autosave.markSaved();
    if (done.partial) {
      message.warning(t('wizard.savedPartly'));
      await feedback.showFirstError();
    } else message.success(t('wizard.saved'));
  };

  const go = async (target: StepKey) => {
    // Saving on the way to the last step brings the server's checks up to date.
    if (target === 'check' && (dirty || step !== 'check')) await persist();
    setStep(target);
    window.scrollTo({ top: 0 });
  };

  const next = async () => {
    const ok = await feedback.validate(fieldsOfStep(step));
    setErrorTick((n) => n + 1);
    if (!ok) return;
    const i = steps.indexOf(step);
    if (dirty) await persist();
    await go(steps[i + 1]);
  };

  const doSubmit = async () => {
    const valid = await feedback.validate();
    setErrorTick((n) => n + 1);
    if (!valid) return;
    const saved = await persist();
    if (!saved || saved.partial) return;
    modal.confirm({
      title: t('wizard.submitConfirm'),
      content: t('wizard.submitHint'),
      okText: app.status === 'returned' ? t('wizard.resubmit') : t('wizard.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit.mutateAsync().then(
          (done) => {
            message.success(t('wizard.submitted', { step: done.currentStep ? labels.step(done.currentStep) : '' }));
            guard.release();
            navigate(`/applications/${app.id}`);
          },
          (err) => void showServerErrors(err),
        ),
    });
  };

  const reload = async () => {
    const fresh = await onReload();
    if (fresh.data) {
      version.current = fresh.data.version;
      lastSaved.current = fresh.data.data;
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
          <AutosaveNote savedAt={autosave.savedAt} saving={autosave.saving} />
          {dirty && !autosave.saving && <Typography.Text type="warning">{t('wizard.unsaved')}</Typography.Text>}
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
          {...feedback.formProps}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={markDirty}
          onFieldsChange={() => setErrorTick((n) => n + 1)}
          autoComplete="off"
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
