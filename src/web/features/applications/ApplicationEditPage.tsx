import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Result, Row, Select, Space, Steps, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { DIRECT_REGISTRATION_TYPES, REGISTERED_FORMS, type LegalForm } from '../../../shared/enums.js';
import { PHONE_MESSAGE, RESIDENT_ID_MESSAGES, isValidPhone, residentIdProblem } from '../../../shared/validators.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { useOrgFieldLabel } from '../orgs/orgs.messages.js';
import { useAppLabels, type AppMsgKey, applicationsMessages } from './applications.messages.js';
import { AppStatusTag, KindTag, isChange, isDeregistration, isEstablishment } from './app-tags.js';
import { AttachmentsPanel, missingKinds } from './AttachmentsPanel.js';
import { ChecksList } from './ChecksList.js';
import { DiffTable } from './DiffTable.js';
import { MemberListEditor, type MemberValue } from './MemberListEditor.js';
import { applicationQuery, useSaveApplication, useSubmitApplication, type Application, type ApplicationData, type AttachmentKind } from './applications.api.js';
import './applications.css';

type StepKey = 'basic' | 'people' | 'charter' | 'files' | 'reason' | 'check';
type Path = (string | number)[];

const STEP_TITLES: Record<StepKey, AppMsgKey> = {
  basic: 'wizard.step.basic',
  people: 'wizard.step.people',
  charter: 'wizard.step.charter',
  files: 'wizard.step.files',
  reason: 'wizard.step.reason',
  check: 'wizard.step.check',
};

function stepsFor(kind: Application['kind']): StepKey[] {
  if (isDeregistration(kind)) return ['reason', 'check'];
  if (isChange(kind)) return ['basic', 'people', 'charter', 'reason', 'check'];
  return ['basic', 'people', 'charter', 'files', 'check'];
}

/** The proposed record's fields on the form, by the step that holds them. */
const ORG_FIELD_STEP: Record<string, StepKey> = {
  name: 'basic',
  legalForm: 'basic',
  category: 'basic',
  regionCode: 'basic',
  address: 'basic',
  foundedOn: 'basic',
  creditCode: 'basic',
  leaderName: 'people',
  leaderIdNumber: 'people',
  leaderPhone: 'people',
  individualMembers: 'people',
  unitMembers: 'people',
  purpose: 'charter',
  activities: 'charter',
  venue: 'charter',
};
const TEXT_FIELDS = ['name', 'category', 'regionCode', 'address', 'leaderName', 'leaderIdNumber', 'leaderPhone', 'purpose', 'activities', 'venue'] as const;
// An empty value of these is left out of a draft (the server's rules apply to what is present).
const OMIT_WHEN_EMPTY = ['name', 'category', 'regionCode', 'legalForm'];

interface OrgValues {
  name?: string;
  legalForm?: LegalForm;
  category?: string;
  regionCode?: string | null;
  address?: string;
  foundedOn?: Dayjs | null;
  leaderName?: string;
  leaderIdNumber?: string;
  leaderPhone?: string;
  individualMembers?: number | null;
  unitMembers?: number | null;
  purpose?: string;
  activities?: string;
  venue?: string;
}
interface Values {
  org: OrgValues;
  members: MemberValue[];
  charter?: string;
  registrationType?: string | null;
  reason?: string;
}

function valuesOf(app: Application): Values {
  const o = app.data.org;
  return {
    org: {
      name: o.name ?? '',
      legalForm: o.legalForm,
      category: o.category,
      regionCode: o.regionCode ?? null,
      address: o.address ?? '',
      foundedOn: o.foundedOn ? dayjs(o.foundedOn) : null,
      leaderName: o.leaderName ?? '',
      leaderIdNumber: o.leaderIdNumber ?? '',
      leaderPhone: o.leaderPhone ?? '',
      individualMembers: o.individualMembers ?? null,
      unitMembers: o.unitMembers ?? null,
      purpose: o.purpose ?? '',
      activities: o.activities ?? '',
      venue: o.venue ?? '',
    },
    members: app.data.members.map((m) => ({ name: m.name, kind: m.kind, phone: m.phone ?? null })),
    charter: app.data.charter ?? '',
    registrationType: app.data.registrationType ?? null,
    reason: app.data.reason ?? '',
  };
}

const text = (v: unknown) => {
  const s = typeof v === 'string' ? v.trim() : '';
  return s ? s : null;
};

/** The form as the API's ApplicationData; fields the form does not show (hub, credit code) keep their values. */
function dataOf(v: Values, base: Application): ApplicationData {
  let org: Record<string, unknown> = { ...base.data.org };
  if (!isDeregistration(base.kind)) {
    const o = v.org ?? {};
    for (const k of TEXT_FIELDS) org[k] = text(o[k]);
    if (org.leaderIdNumber) org.leaderIdNumber = String(org.leaderIdNumber).toUpperCase();
    org.legalForm = o.legalForm;
    org.individualMembers = o.individualMembers ?? null;
    org.unitMembers = o.unitMembers ?? null;
    org.foundedOn = o.foundedOn ? o.foundedOn.format('YYYY-MM-DD') : null;
    for (const k of OMIT_WHEN_EMPTY) if (org[k] === null || org[k] === undefined) delete org[k];
  } else org = { ...base.data.org };
  return {
    org: org as ApplicationData['org'],
    members: (v.members ?? [])
      .map((m) => ({ name: (m.name ?? '').trim(), kind: m.kind ?? 'individual', phone: text(m.phone) }))
      .filter((m) => m.name),
    charter: text(v.charter),
    registrationType: (v.registrationType ?? null) as ApplicationData['registrationType'],
    reason: text(v.reason),
  };
}

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

export function NotFoundCard() {
  const t = useT(applicationsMessages);
  const navigate = useNavigate();
  return (
    <Card>
      <Result status="404" title={t('page.notFound')} extra={<Button type="primary" onClick={() => navigate('/applications')}>{t('page.back')}</Button>} />
    </Card>
  );
}

function Wizard({ app, onReload }: { app: Application; onReload: () => Promise<{ data?: Application }> }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
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
  const registration = app.kind === 'registration';
  const leaderName = Form.useWatch(['org', 'leaderName'], form);
  const charter = Form.useWatch('charter', form);
  const members = Form.useWatch('members', form) as MemberValue[] | undefined;
  const declaredIndividual = Form.useWatch(['org', 'individualMembers'], form);
  const declaredUnit = Form.useWatch(['org', 'unitMembers'], form);
  const lastReturn = app.status === 'returned' ? [...app.events].reverse().find((e) => e.action === 'return') : undefined;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const categories = useMemo(() => {
    const list: string[] = [...app.rules.categories];
    if (app.data.org.category && !list.includes(app.data.org.category)) list.push(app.data.org.category);
    return list;
  }, [app.data.org.category, app.rules]);

  const stepOfPath = (path: Path): StepKey => {
    const [head, second] = path;
    let s: StepKey = 'check';
    if (head === 'org' && typeof second === 'string') s = ORG_FIELD_STEP[second] ?? 'basic';
    else if (head === 'members') s = 'people';
    else if (head === 'charter') s = 'charter';
    else if (head === 'registrationType') s = 'basic';
    else if (head === 'reason') s = 'reason';
    else if (head === 'attachments') s = establishment ? 'files' : 'reason';
    return steps.includes(s) ? s : 'check';
  };

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

  const listed = { individual: (members ?? []).filter((m) => m?.kind !== 'unit' && m?.name?.trim()).length, unit: (members ?? []).filter((m) => m?.kind === 'unit' && m?.name?.trim()).length };
  const charterText = charter ?? '';
  const charterChecks = [
    { ok: !!leaderName?.trim() && charterText.includes(leaderName.trim()), label: leaderName?.trim() ? t('wizard.charterLeader', { name: leaderName.trim() }) : t('wizard.charterLeaderUnknown') },
    { ok: /宗旨/.test(charterText), label: t('wizard.charterPurpose') },
    { ok: /活动|业务范围/.test(charterText), label: t('wizard.charterActivities') },
  ];

  const insertTemplate = () => {
    const v = form.getFieldsValue(true) as Values;
    const o = v.org ?? {};
    const where = user.regionPath.find((r) => r.level === 4)?.name ?? '所在街道（乡镇）';
    const tpl = [
      `第一条　本组织名称为${o.name || '＿＿＿＿'}。`,
      `第二条　本组织宗旨：${o.purpose || '＿＿＿＿'}`,
      `第三条　本组织的活动内容：${o.activities || '＿＿＿＿'}`,
      `第四条　本组织活动场所：${o.venue || '＿＿＿＿'}。`,
      `第五条　本组织负责人：${o.leaderName || '＿＿＿＿'}，由成员大会选举产生，每届任期三年。`,
      `第六条　本组织遵守宪法、法律、法规和国家政策，接受${where}和所在社区（村）的指导和管理。`,
      '第七条　成员入会自愿、退会自由，享有参加活动、提出建议和监督的权利。',
      '第八条　本组织不以营利为目的，经费来源于成员自愿捐赠、政府购买服务和社会资助，收支定期向成员公开。',
      '第九条　本组织的终止须经成员大会讨论通过，并向备案机关申请注销。',
      '第十条　本章程经成员大会表决通过之日起生效。',
    ].join('\n');
    const apply = () => {
      form.setFieldValue('charter', tpl);
      setDirty(true);
    };
    if (charterText.trim()) modal.confirm({ title: t('wizard.charterTemplateConfirm'), onOk: apply, cancelText: t('common.cancel') });
    else apply();
  };

  const idRule = {
    validator: async (_r: unknown, v: string | undefined) => {
      if (!v) return;
      const problem = residentIdProblem(v);
      if (problem) throw new Error(RESIDENT_ID_MESSAGES[problem]);
    },
  };
  const phoneRule = {
    validator: async (_r: unknown, v: string | undefined) => {
      if (v && !isValidPhone(v)) throw new Error(PHONE_MESSAGE);
    },
  };

  const basic = section(
    'basic',
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Form.Item
          name={['org', 'name']}
          label={fieldLabel('name')}
          rules={[
            { required: true, whitespace: true, message: '请填写组织名称' },
            { min: 2, max: 100, message: '名称为 2–100 个字' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        {registration ? (
          <Form.Item name={['org', 'legalForm']} label={t('wizard.legalFormRegistered')} rules={[{ required: true, message: '请选择组织形式' }]}>
            <Select options={REGISTERED_FORMS.map((f) => ({ value: f, label: enumLabels.legalForm(f) }))} />
          </Form.Item>
        ) : (
          <Form.Item label={fieldLabel('legalForm')} required /* shown, not entered: not "optional" */>
            <Typography.Text>{app.kind === 'filing' ? t('wizard.filedForm') : app.data.org.legalForm ? enumLabels.legalForm(app.data.org.legalForm) : '—'}</Typography.Text>
          </Form.Item>
        )}
      </Col>
      {registration && (
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="registrationType" label={t('wizard.registrationType')} rules={[{ required: true, message: t('wizard.registrationTypeRequired') }]} extra={t('wizard.creditCodeLater')}>
            <Select options={DIRECT_REGISTRATION_TYPES.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={['org', 'category']} label={fieldLabel('category')} rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={categories.map((c) => ({ value: c, label: c }))} showSearch />
        </Form.Item>
      </Col>
      <Col xs={24} lg={16}>
        <Form.Item
          name={['org', 'regionCode']}
          label={fieldLabel('regionCode')}
          rules={[{ required: true, message: t('new.regionRequired') }]}
          extra={app.kind.startsWith('registration') ? t('wizard.regionHintRegistration') : t('wizard.regionHintFiling')}
        >
          <RegionSelect
            initial={app.data.org.regionCode === app.region.code ? app.region : user.region}
            isDisabled={(hit) => hit.level < (app.kind.startsWith('registration') ? 3 : 4)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={['org', 'foundedOn']} label={fieldLabel('foundedOn')}>
          <DatePicker className="full-width" disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs('1949-10-01'), 'day')} />
        </Form.Item>
      </Col>
      <Col xs={24} lg={16}>
        <Form.Item name={['org', 'address']} label={fieldLabel('address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>,
  );

  const people = section(
    'people',
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name={['org', 'leaderName']} label={fieldLabel('leaderName')} rules={establishment ? [{ required: true, whitespace: true, message: '请填写负责人姓名' }] : []}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name={['org', 'leaderIdNumber']}
            label={fieldLabel('leaderIdNumber')}
            validateDebounce={300}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            rules={[idRule]}
          >
            <Input maxLength={18} className="mono" spellCheck={false} autoComplete="off" placeholder="18 位居民身份证号" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name={['org', 'leaderPhone']} label={fieldLabel('leaderPhone')} validateDebounce={300} normalize={(v: string) => v.replace(/\s/g, '')} rules={[phoneRule]}>
            <Input maxLength={30} inputMode="tel" className="mono" autoComplete="off" placeholder="手机号或带区号的固定电话" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name={['org', 'individualMembers']} label={fieldLabel('individualMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={8}>
          <Form.Item name={['org', 'unitMembers']} label={fieldLabel('unitMembers')}>
            <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      {establishment && (
        <Card size="small" title={t('wizard.memberList')} className="wizard-subcard">
          <div className="member-counts" role="status">
            <span>
              {t('wizard.memberCounts', { p: listed.individual, u: listed.unit, fp: declaredIndividual ?? 0, fu: declaredUnit ?? 0 })}
            </span>
            {(listed.individual !== (declaredIndividual ?? 0) || listed.unit !== (declaredUnit ?? 0)) && (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldValue(['org', 'individualMembers'], listed.individual);
                  form.setFieldValue(['org', 'unitMembers'], listed.unit);
                  setDirty(true);
                }}
              >
                {t('wizard.syncCounts')}
              </Button>
            )}
          </div>
          <Typography.Paragraph type="secondary" className="member-threshold">
            {t('wizard.memberThreshold', { individual: app.rules.memberThresholds.individual, unit: app.rules.memberThresholds.unit })}
          </Typography.Paragraph>
          <MemberListEditor form={form} />
        </Card>
      )}
    </>,
  );

  const charterStep = section(
    'charter',
    <>
      <Form.Item name={['org', 'purpose']} label={fieldLabel('purpose')} rules={establishment ? [{ required: true, whitespace: true, message: '请填写宗旨' }] : []}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name={['org', 'activities']} label={fieldLabel('activities')} rules={establishment ? [{ required: true, whitespace: true, message: '请填写活动内容' }] : []}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name={['org', 'venue']} label={fieldLabel('venue')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="charter"
        label={
          <Space>
            {t('wizard.charterText')}
            <Button size="small" type="link" onClick={insertTemplate}>
              {t('wizard.charterTemplate')}
            </Button>
          </Space>
        }
        rules={establishment ? [{ required: true, whitespace: true, message: t('wizard.charterRequired') }] : []}
        extra={
          establishment && (
            <div className="charter-checks" aria-live="polite">
              {t('wizard.charterChecks')}
              {charterChecks.map((c) => (
                <span key={c.label} className={c.ok ? 'charter-ok' : 'charter-missing'}>
                  {c.ok ? <CheckCircleFilled /> : <CloseCircleFilled />} {c.label}
                </span>
              ))}
            </div>
          )
        }
      >
        <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} maxLength={20000} showCount placeholder={t('wizard.charterPlaceholder')} />
      </Form.Item>
    </>,
  );

  const filesStep = section('files', <AttachmentsPanel app={app} editable required errors={fileErrors} />);

  const reasonStep = section(
    'reason',
    <>
      {deregistration && (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="wizard-subcard"
          items={[
            { key: 'name', label: fieldLabel('name'), children: app.org?.name ?? app.name },
            { key: 'region', label: fieldLabel('region'), children: app.regionPath },
          ]}
        />
      )}
      <Form.Item
        name="reason"
        label={deregistration ? t('wizard.reasonDeregister') : t('wizard.reasonChange')}
        rules={[{ required: true, whitespace: true, message: t('wizard.reasonRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount placeholder={deregistration ? t('wizard.reasonPlaceholderDeregister') : t('wizard.reasonPlaceholderChange')} />
      </Form.Item>
      <Card size="small" title={t('files.other')} className="wizard-subcard">
        <AttachmentsPanel app={app} editable required={false} errors={fileErrors} />
      </Card>
    </>,
  );

  const errorCount = app.checks.filter((c) => c.level === 'error').length;
  const checkStep = section(
    'check',
    <>
      {general.length > 0 && <Alert type="error" showIcon className="page-alert" title={general.join('；')} role="alert" />}
      {isChange(app.kind) && (
        <Card size="small" title={t('wizard.diffTitle')} className="wizard-subcard">
          {app.diff && app.diff.length > 0 ? <DiffTable diff={app.diff} /> : <Typography.Text type="secondary">{t('wizard.noDiff')}</Typography.Text>}
        </Card>
      )}
      <Card size="small" title={t('wizard.checkTitle')} className="wizard-subcard">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
          items={[
            { key: 'kind', label: t('col.kind'), children: <KindTag kind={app.kind} /> },
            { key: 'name', label: fieldLabel('name'), children: app.data.org.name ?? '—' },
            ...(app.data.org.legalForm ? [{ key: 'legalForm', label: fieldLabel('legalForm'), children: enumLabels.legalForm(app.data.org.legalForm) }] : []),
            ...(app.data.registrationType ? [{ key: 'rt', label: t('wizard.registrationType'), children: app.data.registrationType }] : []),
            { key: 'category', label: fieldLabel('category'), children: app.data.org.category ?? '—' },
            { key: 'region', label: fieldLabel('region'), children: app.regionPath },
            { key: 'leader', label: fieldLabel('leaderName'), children: app.data.org.leaderName ?? '—' },
            ...(establishment
              ? [
                  { key: 'members', label: t('wizard.memberList'), children: t('print.memberSummary', { p: app.data.members.filter((m) => m.kind === 'individual').length, u: app.data.members.filter((m) => m.kind === 'unit').length }) },
                  {
                    key: 'files',
                    label: t('wizard.step.files'),
                    children: missingKinds(app).length === 0 ? t('files.allDone') : t('files.missingSummary', { n: missingKinds(app).length, names: missingKinds(app).map((k) => labels.attachment(k)).join('、') }),
                  },
                ]
              : []),
            ...(app.data.reason ? [{ key: 'reason', label: t('page.reason'), children: app.data.reason, span: 'filled' as const }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('wizard.checksTitle')} className="wizard-subcard">
        {errorCount > 0 && <Typography.Paragraph type="danger">{t('wizard.checksErrors', { n: errorCount })}</Typography.Paragraph>}
        <ChecksList checks={app.checks} emptyText={t('wizard.checksNone')} onFix={(c) => {
          const target: Record<string, StepKey> = { charter_missing: 'charter', registration_type: 'basic', reason_missing: 'reason', members_below_threshold: 'people', member_list_mismatch: 'people', charter_no_leader: 'charter', charter_no_purpose: 'charter', charter_no_activities: 'charter' };
          const s = c.code.startsWith('attachment_') ? (establishment ? 'files' : 'reason') : target[c.code];
          return s && steps.includes(s) ? () => void go(s) : undefined;
        }} />
      </Card>
    </>,
  );

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
      <Card className="wizard-steps-card">
        {isMobile ? (
          <div className="wizard-phone-steps">
            <Typography.Text strong>
              {i + 1}/{steps.length} · {t(STEP_TITLES[step])}
            </Typography.Text>
            <Steps size="small" current={i} progressDot items={steps.map((s) => ({ key: s, status: stepErrors.has(s) ? 'error' : undefined }))} responsive={false} onChange={(n) => void go(steps[n])} />
          </div>
        ) : (
          <Steps
            current={i}
            onChange={(n) => void go(steps[n])}
            items={steps.map((s) => ({ key: s, title: t(STEP_TITLES[s]), status: stepErrors.has(s) ? 'error' : undefined }))}
          />
        )}
      </Card>
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
          {!deregistration && basic}
          {!deregistration && people}
          {!deregistration && charterStep}
          {establishment && filesStep}
          {!establishment && reasonStep}
          {checkStep}
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
