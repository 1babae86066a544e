import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import {
  DEFAULT_ORG_CATEGORIES,
  LEGAL_FORMS,
  ORG_FLAGS,
  ORG_STATUSES,
  REGISTERED_FORMS,
  type LegalForm,
  type OrgFlag,
  type OrgStatus,
} from '../../../shared/enums.js';
import type { OrgCreateBody, OrgUpdateBody } from '../../../shared/schemas/orgs.js';
import {
  CREDIT_CODE_FORM_DIGIT,
  CREDIT_CODE_MESSAGES,
  PHONE_MESSAGE,
  RESIDENT_ID_MESSAGES,
  creditCodeProblem,
  isValidPhone,
  residentIdProblem,
} from '../../../shared/validators.js';
import { ApiError, applyFieldErrors, errorMessage } from '../../api/client.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { validValues } from '../../lib/forms.js';
import { HubSelect } from './HubSelect.js';
import { PersonalInput } from './PersonalInput.js';
import { useOrgFieldLabel, orgsMessages } from './orgs.messages.js';
import { orgQuery, useCreateOrg, useUpdateOrg, type Org } from './orgs.api.js';

interface Values {
  name: string;
  legalForm?: LegalForm;
  creditCode?: string;
  category?: string;
  regionCode?: string | null;
  address?: string;
  foundedOn?: Dayjs | null;
  status?: OrgStatus;
  certificateNo?: string;
  leaderName?: string;
  /** On edit: undefined keeps the stored number, null clears it (see PersonalInput). */
  leaderIdNumber?: string | null;
  leaderPhone?: string | null;
  individualMembers?: number | null;
  unitMembers?: number | null;
  purpose?: string;
  activities?: string;
  venue?: string;
  hubOrgId?: number | null;
  isDemoSite?: boolean;
  isBrand?: boolean;
  isIncubating?: boolean;
  reason?: string;
}

/** The fields the API takes, as the form holds them (everything but the personal fields and the reason). */
type Body = Omit<OrgCreateBody, 'leaderIdNumber' | 'leaderPhone'>;

// 民政部令 and the server's rules (orgs.policy.ts): founding dates before the PRC are typos.
const EARLIEST = dayjs('1949-10-01');
// Registered organizations may sit at the district that registered them; filed and grassroots ones at a street or below.
const minLevel = (form?: LegalForm) => (form && REGISTERED_FORMS.includes(form) ? 3 : 4);

const text = (v: string | undefined | null) => {
  const s = v?.trim();
  return s ? s : null;
};

function bodyOf(v: Values): Body {
  return {
    name: v.name.trim(),
    legalForm: v.legalForm!,
    creditCode: text(v.creditCode)?.toUpperCase() ?? null,
    category: v.category!,
    regionCode: v.regionCode!,
    address: text(v.address),
    leaderName: text(v.leaderName),
    individualMembers: v.individualMembers ?? null,
    unitMembers: v.unitMembers ?? null,
    foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
    purpose: text(v.purpose),
    activities: text(v.activities),
    venue: text(v.venue),
    hubOrgId: v.hubOrgId ?? null,
    status: v.status,
    isDemoSite: !!v.isDemoSite,
    isBrand: !!v.isBrand,
    isIncubating: !!v.isIncubating,
    certificateNo: text(v.certificateNo),
  };
}

/** The stored record in the same shape, to send only what the user changed (the history shows exactly that). */
function bodyOfOrg(o: Org): Body {
  return {
    name: o.name,
    legalForm: o.legalForm,
    creditCode: o.creditCode,
    category: o.category,
    regionCode: o.region.code,
    address: o.address,
    leaderName: o.leaderName,
    individualMembers: o.individualMembers,
    unitMembers: o.unitMembers,
    foundedOn: o.foundedOn,
    purpose: o.purpose,
    activities: o.activities,
    venue: o.venue,
    hubOrgId: o.hub?.id ?? null,
    status: o.status,
    isDemoSite: o.isDemoSite,
    isBrand: o.isBrand,
    isIncubating: o.isIncubating,
    certificateNo: o.certificateNo,
  };
}

function valuesOf(o: Org): Values {
  return {
    name: o.name,
    legalForm: o.legalForm,
    creditCode: o.creditCode ?? '',
    category: o.category,
    regionCode: o.region.code,
    address: o.address ?? '',
    foundedOn: o.foundedOn ? dayjs(o.foundedOn) : null,
    status: o.status,
    certificateNo: o.certificateNo ?? '',
    leaderName: o.leaderName ?? '',
    leaderIdNumber: undefined,
    leaderPhone: undefined,
    individualMembers: o.individualMembers,
    unitMembers: o.unitMembers,
    purpose: o.purpose ?? '',
    activities: o.activities ?? '',
    venue: o.venue ?? '',
    hubOrgId: o.hub?.id ?? null,
    isDemoSite: o.isDemoSite,
    isBrand: o.isBrand,
    isIncubating: o.isIncubating,
    reason: '',
  };
}

const NEW_VALUES: Partial<Values> = { status: 'active', isDemoSite: false, isBrand: false, isIncubating: false, regionCode: null, hubOrgId: null };

/** `/orgs/new` and `/orgs/:id/edit`. */
export default function OrgFormPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const editing = id !== undefined;
  const t = useT(orgsMessages);
  const org = useQuery({ ...orgQuery(orgId), enabled: editing && Number.isInteger(orgId) && orgId > 0 });

  if (!editing) return <OrgForm />;
  if (org.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (org.isError) {
    const gone = org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 403);
    return (
      <Card>
        <Result
          status={gone ? '404' : 'error'}
          title={gone ? t('orgs.notFound') : t('common.loadFailed')}
          subTitle={gone ? undefined : errorMessage(org.error)}
          extra={!gone && <Button onClick={() => org.refetch()}>{t('common.retry')}</Button>}
        />
      </Card>
    );
  }
  return <OrgForm key={org.data.id} initial={org.data} onReload={() => org.refetch()} />;
}

interface FormProps {
  /** The record to edit; none for a new one. */
  initial?: Org;
  onReload?: () => Promise<{ data?: Org }>;
}

function OrgForm({ initial, onReload }: FormProps) {
  // The form edits the version it was loaded with: a background refetch must neither wipe the user's typing
  // nor move the version on (a save then answers 409 and the user reloads on purpose).
  const [org, setOrg] = useState(initial);
  const t = useT(orgsMessages);
  const labels = useEnumLabels();
  const fieldLabel = useOrgFieldLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const legalForm = Form.useWatch('legalForm', form);
  const create = useCreateOrg();
  const update = useUpdateOrg(org?.id ?? 0);
  const [regionLevel, setRegionLevel] = useState<number | null>(org?.region.level ?? null);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const editing = !!org;
  const saving = create.isPending || update.isPending;
  const registered = !!legalForm && REGISTERED_FORMS.includes(legalForm);

  // The fields show the record (or a blank form) before the user can type; again after a reload.
  useLayoutEffect(() => {
    form.resetFields();
    form.setFieldsValue(org ? valuesOf(org) : NEW_VALUES);
    setRegionLevel(org?.region.level ?? null);
    setDirty(false);
  }, [org, form]);

  // Closing the tab or reloading with unsaved edits asks first (the browser words the question).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const categories: string[] = [...DEFAULT_ORG_CATEGORIES];
  if (org && !categories.includes(org.category)) categories.push(org.category);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'org.version_conflict') {
      setConflict(true);
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    const rest = applyFieldErrors(form, err);
    rest.forEach((m) => message.error(m));
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) {
      form.scrollToField(first.name, { block: 'center' });
      if (rest.length === 0) message.error(t('orgs.fixErrors'));
    }
  };

  const done = (saved: Org) => {
    setDirty(false);
    message.success(editing ? t('orgs.saved') : t('orgs.created', { name: saved.name }));
    navigate(`/orgs/${saved.id}`, { state: { saved: true } });
  };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) {
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    const body = bodyOf(v);
    const idNumber = typeof v.leaderIdNumber === 'string' ? text(v.leaderIdNumber)?.toUpperCase() : v.leaderIdNumber;
    const phone = typeof v.leaderPhone === 'string' ? text(v.leaderPhone) : v.leaderPhone;
    if (!org) {
      const createBody: OrgCreateBody = { ...body };
      if (idNumber) createBody.leaderIdNumber = idNumber;
      if (phone) createBody.leaderPhone = phone;
      create.mutate(createBody, { onSuccess: done, onError: fail });
      return;
    }
    const before = bodyOfOrg(org);
    const patch: OrgUpdateBody = { version: org.version };
    const changed = patch as Record<string, unknown>;
    for (const [k, value] of Object.entries(body)) {
      if (JSON.stringify(value ?? null) !== JSON.stringify((before as Record<string, unknown>)[k] ?? null)) changed[k] = value;
    }
    // Personal fields: only a typed number (replace) or an explicit clear is sent; empty keeps what is stored.
    if (idNumber !== undefined) patch.leaderIdNumber = idNumber;
    if (phone !== undefined) patch.leaderPhone = phone;
    if (Object.keys(patch).length === 1) {
      message.info(t('orgs.nothingChanged'));
      return;
    }
    patch.reason = v.reason?.trim();
    update.mutate(patch, { onSuccess: done, onError: fail });
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (fresh?.data) setOrg(fresh.data);
    setConflict(false);
  };

  const creditCodeRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_r: unknown, raw: string | undefined) => {
      const form = getFieldValue('legalForm') as LegalForm | undefined;
      const code = raw?.trim().toUpperCase() ?? '';
      if (!form) return;
      const reg = REGISTERED_FORMS.includes(form);
      if (reg && !code) throw new Error(t('orgs.creditCodeRequired'));
      if (!reg && code) throw new Error(t('orgs.creditCodeMustBeEmpty'));
      if (!code) return;
      const problem = creditCodeProblem(code);
      if (problem) throw new Error(CREDIT_CODE_MESSAGES[problem]);
      if (code[0] !== '5') throw new Error(t('orgs.creditCodeDept'));
      if (code[1] !== CREDIT_CODE_FORM_DIGIT[form as keyof typeof CREDIT_CODE_FORM_DIGIT]) throw new Error(t('orgs.creditCodeForm'));
    },
  });

  const regionRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_r: unknown, code: string | null | undefined) => {
      if (!code) throw new Error(t('orgs.regionRequired'));
      const form = getFieldValue('legalForm') as LegalForm | undefined;
      if (regionLevel !== null && regionLevel < minLevel(form)) {
        throw new Error(form && REGISTERED_FORMS.includes(form) ? t('orgs.regionTooHighRegistered') : t('orgs.regionTooHighFiled'));
      }
    },
  });

  const section = (title: string, children: ReactNode) => (
    <Card title={title} size="small" className="org-form-section">
      {children}
    </Card>
  );

  return (
    <div className="org-form-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">
          {editing ? t('orgs.editTitle', { name: org.name }) : t('orgs.newTitle')}
        </Typography.Title>
        <Button onClick={() => navigate(editing ? `/orgs/${org.id}` : '/orgs')} className="no-print">
          {t('common.cancel')}
        </Button>
      </div>
      {conflict && <ConflictAlert title={t('orgs.conflict')} hint={t('orgs.conflictHint')} reloadLabel={t('orgs.reload')} onReload={reload} />}
      <Form
        form={form}
        name="orgForm"
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        onValuesChange={() => setDirty(true)}
        autoComplete="off"
        scrollToFirstError={false}
      >
        {section(
          t('orgs.sectionBasic'),
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Form.Item
                name="name"
                label={fieldLabel('name')}
                rules={[
                  { required: true, whitespace: true, message: t('orgs.nameRequired') },
                  {
                    validator: async (_r, v: string | undefined) => {
                      const n = v?.trim().length ?? 0;
                      if (n > 0 && (n < 2 || n > 100)) throw new Error(t('orgs.nameLength'));
                    },
                  },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="status" label={fieldLabel('status')}>
                <Select options={ORG_STATUSES.map((s) => ({ value: s, label: labels.orgStatus(s) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="legalForm" label={fieldLabel('legalForm')} rules={[{ required: true, message: t('orgs.formRequired') }]}>
                <Select
                  options={LEGAL_FORMS.map((f) => ({ value: f, label: labels.legalForm(f) }))}
                  onChange={() => {
                    // Whether a credit code is needed, and which regions fit, depend on the form: filled fields are
                    // checked again at once, empty ones when saving (no error on a field the user has not reached).
                    if (form.getFieldValue('creditCode')) void form.validateFields(['creditCode']).catch(() => {});
                    if (form.getFieldValue('regionCode')) void form.validateFields(['regionCode']).catch(() => {});
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                name="creditCode"
                label={fieldLabel('creditCode')}
                required={registered}
                validateDebounce={300}
                normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
                rules={[creditCodeRule]}
              >
                <Input
                  className="mono"
                  maxLength={18}
                  placeholder={legalForm && !registered ? t('orgs.creditCodeNotNeeded') : t('orgs.creditCodePlaceholder')}
                  spellCheck={false}
                  autoCapitalize="characters"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="category" label={fieldLabel('category')} rules={[{ required: true, message: t('orgs.categoryRequired') }]}>
                <Select
                  options={categories.map((c) => ({
                    value: c,
                    label: (DEFAULT_ORG_CATEGORIES as readonly string[]).includes(c) ? c : `${c}${t('orgs.categoryOutsideList')}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={16}>
              <Form.Item
                name="regionCode"
                label={fieldLabel('regionCode')}
                required
                extra={t('orgs.regionHint')}
                rules={[regionRule]}
              >
                <RegionSelect
                  initial={org ? org.region : null}
                  onChange={(_code, hit) => setRegionLevel(hit?.level ?? null)}
                  isDisabled={(hit) => hit.level < minLevel(legalForm)}
                  disabledNote={registered ? t('orgs.regionLevelRegistered') : t('orgs.regionLevelFiled')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="foundedOn" label={fieldLabel('foundedOn')}>
                <DatePicker
                  className="full-width"
                  placeholder={t('orgs.foundedOnPlaceholder')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(EARLIEST, 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={16}>
              <Form.Item name="address" label={fieldLabel('address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="certificateNo" label={fieldLabel('certificateNo')}>
                <Input maxLength={40} className="mono" />
              </Form.Item>
            </Col>
          </Row>,
        )}

        {section(
          t('orgs.sectionPeople'),
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="leaderName" label={fieldLabel('leaderName')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                name="leaderIdNumber"
                label={fieldLabel('leaderIdNumber')}
                validateDebounce={300}
                normalize={(v: string | null | undefined) => (typeof v === 'string' ? v.toUpperCase().replace(/\s/g, '') : v)}
                rules={[
                  {
                    validator: async (_r, v: string | null | undefined) => {
                      if (typeof v !== 'string' || !v) return;
                      const problem = residentIdProblem(v);
                      if (problem) throw new Error(RESIDENT_ID_MESSAGES[problem]);
                    },
                  },
                ]}
              >
                {editing ? (
                  <PersonalInput current={org.leaderIdNumber} maxLength={18} placeholder={t('orgs.idNumberPlaceholder')} />
                ) : (
                  <Input maxLength={18} placeholder={t('orgs.idNumberPlaceholder')} className="mono" spellCheck={false} />
                )}
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                name="leaderPhone"
                label={fieldLabel('leaderPhone')}
                validateDebounce={300}
                normalize={(v: string | null | undefined) => (typeof v === 'string' ? v.replace(/\s/g, '') : v)}
                rules={[
                  {
                    validator: async (_r, v: string | null | undefined) => {
                      if (typeof v === 'string' && v && !isValidPhone(v)) throw new Error(PHONE_MESSAGE);
                    },
                  },
                ]}
              >
                {editing ? (
                  <PersonalInput current={org.leaderPhone} maxLength={30} inputMode="tel" placeholder={t('orgs.phonePlaceholder')} />
                ) : (
                  <Input maxLength={30} inputMode="tel" placeholder={t('orgs.phonePlaceholder')} className="mono" />
                )}
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={8}>
              <Form.Item name="individualMembers" label={fieldLabel('individualMembers')}>
                <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={8}>
              <Form.Item name="unitMembers" label={fieldLabel('unitMembers')}>
                <InputNumber min={0} max={1_000_000} precision={0} className="full-width" inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>,
        )}

        {section(
          t('orgs.sectionCharter'),
          <>
            <Form.Item name="purpose" label={fieldLabel('purpose')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="activities" label={fieldLabel('activities')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="venue" label={fieldLabel('venue')}>
              <Input maxLength={200} />
            </Form.Item>
          </>,
        )}

        {section(
          t('orgs.sectionMarks'),
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="hubOrgId" label={fieldLabel('hubOrgId')} extra={t('orgs.hubHint')}>
                <HubSelect initial={org?.hub ?? null} exceptId={org?.id} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item label={t('orgs.flags')}>
                <Space wrap size="large">
                  {ORG_FLAGS.map((f: OrgFlag) => (
                    <Form.Item key={f} name={f} valuePropName="checked" noStyle>
                      <Checkbox>{labels.orgFlag(f)}</Checkbox>
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
            </Col>
          </Row>,
        )}

        {editing &&
          section(
            t('orgs.sectionReason'),
            <Form.Item
              name="reason"
              label={t('orgs.reason')}
              rules={[{ required: true, whitespace: true, message: t('orgs.reasonRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount placeholder={t('orgs.reasonPlaceholder')} />
            </Form.Item>,
          )}

        <div className="org-form-actions no-print">
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(editing ? `/orgs/${org.id}` : '/orgs')}>{t('common.cancel')}</Button>
          </Space>
          {editing && (
            <Typography.Text type="secondary" className="org-form-version">
              {t('orgs.versionValue', { n: org.version })}
            </Typography.Text>
          )}
        </div>
      </Form>
    </div>
  );
}
