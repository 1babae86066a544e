import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Result, Select, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { Data } from '../../components/Data.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { AutosaveNote, useAutosave, useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { usePageTitle } from '../../lib/page-title.js';
import { diffQuery, reportQuery, useSaveReport, useSubmitReport, type AnnualReport } from './annual-reports.api.js';
import { annualMessages, useAnnualLabels } from './annual-reports.messages.js';
import { ChecksSummary, shownOfServer, useLiveCheckText, type ShownCheck } from './CheckNotes.js';
import { ActivitiesFields, BasicFields, DeclarationFields, FinancesFields, GovernanceFields, MembersFields, PrefillNote, ReportLegalForm } from './ReportSections.js';
import { liveChecks, pathOf, sectionsOf, valuesOf, type Values } from './report-form.js';
import { ReportNotFound, ReportStatusTag, ReturnedAlert } from './report-tags.js';
import './annual-reports.css';

const FORM_NAME = 'annualForm';

/** `/annual-reports/:id/edit`: the filer's form for a draft or a returned report, section by section. */
export default function ReportFormPage() {
  const { id } = useParams();
  const reportId = Number(id);
  const t = useT(annualMessages);
  const navigate = useNavigate();
  const q = useQuery(reportQuery(reportId));
  return (
    <RecordLoader query={q} validId={isRecordId(reportId)} skeletonRows={14} notFound={<ReportNotFound />}>
      {(report) =>
        report.can.edit ? (
          <ReportForm key={report.id} report={report} onReload={() => q.refetch()} />
        ) : (
          <Card>
            <Result
              status="info"
              title={t('form.notEditable')}
              subTitle={t('form.notEditableHint')}
              extra={<Button onClick={() => navigate(`/annual-reports/${report.id}`)}>{t('form.back')}</Button>}
            />
          </Card>
        )
      }
    </RecordLoader>
  );
}

function ReportForm({ report, onReload }: { report: AnnualReport; onReload: () => Promise<{ data?: AnnualReport }> }) {
  const t = useT(annualMessages);
  const labels = useAnnualLabels();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  usePageTitle(`${report.year} · ${report.org.name}`);
  const [form] = Form.useForm<Values>();
  const save = useSaveReport(report.id);
  const submit = useSubmitReport(report.id);
  const diff = useQuery(diffQuery(report.id));
  const feedback = useFormFeedback(form, { name: FORM_NAME });
  const initialValues = useMemo(() => valuesOf(report), []); // eslint-disable-line react-hooks/exhaustive-deps
  const values = Form.useWatch([], form) as Values | undefined;
  // The version this page edits: moved on by its own saves only, so another tab's save shows as a conflict.
  const version = useRef(report.version);
  const latest = useRef(report);
  const [current, setCurrent] = useState(report);
  const [dirty, setDirty] = useState(false);
  const [tick, setTick] = useState(0);
  const [conflict, setConflict] = useState(false);
  const guard = useUnsavedGuard(dirty);
  // One save at a time: an autosave and a click must not race each other into a version conflict.
  const inflight = useRef<Promise<unknown>>(Promise.resolve());
  const liveText = useLiveCheckText();
  const markDirty = () => {
    setDirty(true);
    setTick((n) => n + 1);
  };

  const live = liveChecks(values ?? initialValues, { report, diff: diff.data });
  const liveShown: ShownCheck[] = live.map((c, i) => ({ key: `l-${c.code}-${c.field}-${i}`, field: c.field, level: c.level, text: liveText(c), server: false }));
  // The server's checks describe what was saved: beside the fields only while nothing is unsaved, and never where a
  // live check already speaks for the field.
  const liveFields = new Set(live.map((c) => c.field));
  const serverShown = dirty ? [] : current.checks.filter((c) => !c.field || !liveFields.has(c.field)).map(shownOfServer);
  const all = [...liveShown, ...serverShown.filter((s) => !liveShown.some((l) => l.text === s.text))];
  // What is merely not filled in yet is listed in the summary; beside the field it shows once a submission was tried,
  // so a fresh draft is not red all over.
  const [tried, setTried] = useState(false);
  const requiredCodes = new Set(current.checks.filter((c) => c.code === 'required' || c.code === 'scan_missing').map((c) => `${c.field}|${c.message}`));
  const notes = (field: string) => all.filter((c) => c.field === field && (tried || !(c.server && requiredCodes.has(`${c.field}|${c.text}`))));
  const errors = all.filter((c) => c.level === 'error').length;
  const warnings = all.length - errors;

  const persistNow = async (quiet: boolean): Promise<AnnualReport | null> => {
    const sections = sectionsOf(form.getFieldsValue(true) as Values, latest.current);
    try {
      const saved = await save.mutateAsync({ version: version.current, sections });
      version.current = saved.version;
      latest.current = saved;
      setCurrent(saved);
      setDirty(false);
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
        return null;
      }
      if (!quiet) await feedback.showServerError(err, { map: (k) => pathOf(k) });
      return null;
    }
  };
  /** One request that moves the version at a time: saves (by hand or by themselves) and the scan's upload. */
  const inTurn = <T,>(task: () => Promise<T>): Promise<T> => {
    const run = inflight.current.then(task);
    inflight.current = run.catch(() => {});
    return run;
  };
  const persist = (quiet = false) => inTurn(() => persistNow(quiet));
  const autosave = useAutosave({ dirty: dirty && !conflict, changeTick: tick, save: async () => !!(await persist(true)) });

  /** A report the server answered by another way (the scan's upload): its version and checks are now the page's. */
  const adopt = (saved: AnnualReport) => {
    version.current = saved.version;
    latest.current = saved;
    setCurrent(saved);
  };

  const goTo = (field: string) => {
    const path = pathOf(field);
    const el = document.getElementById(`${FORM_NAME}_${path.join('_')}`) ?? document.getElementById(`section-${String(path[0])}`);
    (el?.closest('.ant-form-item') ?? el)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (el instanceof HTMLElement) el.focus({ preventScroll: true });
  };

  const saveDraft = async () => {
    const ok = await persist();
    if (!ok) return;
    autosave.markSaved();
    void message.success(t('form.saved'));
  };

  const doSubmit = async () => {
    setTried(true);
    const valid = await feedback.validate();
    if (!valid) return;
    if (errors > 0) {
      const first = all.find((c) => c.level === 'error');
      void message.error(t('form.summaryErrors', { n: errors }));
      if (first?.field) goTo(first.field);
      return;
    }
    const saved = await persist();
    if (!saved) return;
    if (!saved.can.submit) {
      document.getElementById('ar-summary')?.scrollIntoView({ behavior: 'smooth' });
      void message.error(t('form.summaryErrors', { n: saved.checks.filter((c) => c.level === 'error').length }));
      return;
    }
    modal.confirm({
      title: t('form.submitConfirm'),
      content: t('form.submitHint'),
      okText: report.status === 'returned' ? t('form.resubmit') : t('form.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit.mutateAsync(version.current).then(
          () => {
            void message.success(t('form.submitted'));
            guard.release();
            navigate(`/annual-reports/${report.id}`);
          },
          (err) => void feedback.showServerError(err, { map: (k) => pathOf(k) }),
        ),
    });
  };

  const reload = async () => {
    const fresh = await onReload();
    if (fresh.data) {
      version.current = fresh.data.version;
      latest.current = fresh.data;
      setCurrent(fresh.data);
      form.resetFields();
      form.setFieldsValue(valuesOf(fresh.data));
    }
    setConflict(false);
    setDirty(false);
  };

  const has = (k: string) => report.sectionKeys.includes(k as never);

  return (
    <div className="ar-form-page">
      <div className="org-record-back no-print">
        <Link to={`/annual-reports/${report.id}`}>
          <ArrowLeftOutlined /> {t('form.back')}
        </Link>
      </div>
      <div className="page-head ar-form-head">
        <Typography.Title level={4} className="page-title">
          {t('form.title', { year: report.year })}
          <Data>{report.org.name}</Data>
        </Typography.Title>
        <Space wrap>
          <ReportStatusTag status={report.status} />
          <AutosaveNote savedAt={autosave.savedAt} saving={autosave.saving} />
          {dirty && !autosave.saving && <span className="ar-warning-text">{t('form.unsaved')}</span>}
        </Space>
      </div>
      <Typography.Paragraph type="secondary" className="ar-form-kind">
        {labels.kind(report.legalForm)} · {t('page.dueOn', { date: report.dueOn })}
      </Typography.Paragraph>
      {conflict && <ConflictAlert title={t('form.conflict')} hint={t('form.conflictHint')} reloadLabel={t('form.reload')} onReload={reload} />}
      <ReturnedAlert report={report} />
      <div className="ar-jump no-print">
        <Select
          aria-label={t('form.sections')}
          placeholder={t('form.sections')}
          value={null}
          options={report.sectionKeys.map((k) => ({ value: k, label: labels.section(k) }))}
          onChange={(k: string) => document.getElementById(`section-${k}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          className="ar-jump-select"
        />
      </div>
      <Form {...feedback.formProps} layout="vertical" initialValues={initialValues} onValuesChange={markDirty} autoComplete="off">
        <ReportLegalForm value={report.legalForm}>
        {has('basic') && <BasicFields notes={notes} />}
        {has('activities') && <ActivitiesFields report={report} notes={notes} />}
        {has('finances') && <FinancesFields report={report} notes={notes} />}
        {has('members') && <MembersFields notes={notes} />}
        {has('governance') && <GovernanceFields notes={notes} />}
        {has('party') && <PrefillNote k="party" report={current} />}
        {has('funding') && <PrefillNote k="funding" report={current} />}
        {has('declaration') && <DeclarationFields report={current} notes={notes} editable onUploaded={adopt} queue={inTurn} />}
        </ReportLegalForm>
      </Form>
      <Card id="ar-summary" size="small" title={t('form.summary')} className="ar-section ar-summary">
        {errors > 0 && <Typography.Paragraph type="danger">{t('form.summaryErrors', { n: errors })}</Typography.Paragraph>}
        {warnings > 0 && <Typography.Paragraph type="secondary">{t('form.summaryWarnings', { n: warnings })}</Typography.Paragraph>}
        <ChecksSummary checks={all} onFix={goTo} okText={t('form.summaryOk')} />
      </Card>
      <div className="org-form-actions ar-actions no-print">
        <Button icon={<SaveOutlined />} onClick={saveDraft} loading={save.isPending}>
          {t('form.save')}
        </Button>
        <Button type="primary" icon={<SendOutlined />} onClick={doSubmit} loading={submit.isPending} disabled={save.isPending} data-testid="submit-report">
          {report.status === 'returned' ? t('form.resubmit') : t('form.submit')}
        </Button>
      </div>
    </div>
  );
}
