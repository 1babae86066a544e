import { useLayoutEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { OrgListResponse } from '../../../shared/schemas/orgs.js';
import { fenToYuanText, yuanToFen } from '../../../shared/schemas/money.js';
import { FOREIGN_KIND, MONEY_KIND, PARTICIPANTS_KIND } from '../../../shared/schemas/supervision-settings.js';
import { api, ApiError } from '../../api/client.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { Data, ServerText } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { isRecordId, RecordLoader } from '../../components/RecordLoader.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { useDebouncedValue } from '../../lib/hooks.js';
import { formatCount } from '../../lib/format.js';
import { usePageTitle } from '../../lib/page-title.js';
import {
  declarationQuery,
  rulesQuery,
  useCreateDeclaration,
  useSaveDeclaration,
  useSubmitDeclaration,
  type Declaration,
  type DeclarationFieldsBody,
  type DeclarationRules,
} from './declarations.api.js';
import { declarationsMessages } from './declarations.messages.js';
import './declarations.css';

interface Values {
  kinds: string[];
  title: string;
  start: Dayjs | null;
  end: Dayjs | null;
  place: string;
  participants: number | null;
  amount: string;
  foreign: boolean;
  content: string;
  contactName: string;
  contactPhone: string;
}

const DAY = 'YYYY-MM-DD';

function valuesOf(d: Declaration): Values {
  return {
    kinds: d.kinds,
    title: d.title,
    start: dayjs(d.plannedStartOn),
    end: dayjs(d.plannedEndOn),
    place: d.place,
    participants: d.expectedParticipants,
    amount: fenToYuanText(d.amountFen),
    foreign: d.foreignRelated,
    content: d.content,
    contactName: d.contactName,
    contactPhone: d.contactPhone ?? '',
  };
}

const NEW_VALUES: Values = { kinds: [], title: '', start: null, end: null, place: '', participants: null, amount: '0', foreign: false, content: '', contactName: '', contactPhone: '' };

function bodyOf(v: Values): DeclarationFieldsBody {
  return {
    kinds: v.kinds,
    title: v.title.trim(),
    plannedStartOn: v.start?.format(DAY) ?? '',
    plannedEndOn: (v.end ?? v.start)?.format(DAY) ?? '',
    place: v.place.trim(),
    expectedParticipants: v.participants ?? 0,
    amountFen: yuanToFen(v.amount) ?? 0,
    foreignRelated: v.foreign,
    content: v.content.trim(),
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim() || null,
  };
}

/** Picks an organization in reach by name (community staff declaring on an organization's behalf; the district recording a penalty). */
export function OrgPicker({ value, onChange, id, placeholder }: { value?: number; onChange?: (v: number, name?: string) => void; id?: string; placeholder?: string }) {
  const t = useT(declarationsMessages);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const orgs = useQuery({
    queryKey: ['orgs', 'declaration-picker', q],
    queryFn: ({ signal }) => api<OrgListResponse>('/orgs', { query: { q, pageSize: 30, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v, orgs.data?.items.find((o) => o.id === v)?.name)}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={placeholder ?? t('form.orgPlaceholder')}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? <Spin size="small" /> : null}
      options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: <Data>{o.name}</Data> }))}
    />
  );
}

/** `/declarations/new?org=` and `/declarations/:id/edit`. */
export default function DeclarationFormPage() {
  const t = useT(declarationsMessages);
  const { id } = useParams();
  const declId = Number(id);
  const editing = id !== undefined;
  const q = useQuery({ ...declarationQuery(declId), enabled: editing && isRecordId(declId) });
  if (!editing) return <DeclarationForm initial={null} />;
  return (
    <RecordLoader query={q} validId={isRecordId(declId)} skeletonRows={12} notFound={<Card><Result status="404" title={t('decl.emptyFiltered')} /></Card>}>
      {(d) => <DeclarationForm initial={d} onReload={() => q.refetch()} />}
    </RecordLoader>
  );
}

function DeclarationForm({ initial, onReload }: { initial: Declaration | null; onReload?: () => Promise<{ data?: Declaration }> }) {
  const t = useT(declarationsMessages);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [decl, setDecl] = useState(initial);
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'declaration' });
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  const [conflict, setConflict] = useState(false);
  const paramOrg = Number(params.get('org'));
  const [orgId, setOrgId] = useState<number | undefined>(decl?.org.id ?? (isRecordId(paramOrg) ? paramOrg : undefined));
  // Without an organization named, a leader's own one (the server answers it); staff pick one.
  const ownRules = useQuery({
    queryKey: ['declarations', 'rules', 'own'],
    queryFn: ({ signal }) => api<DeclarationRules>('/declarations/rules', { signal }),
    enabled: orgId === undefined,
    retry: false,
  });
  const rules = useQuery(rulesQuery(orgId ?? 0));
  const rule = orgId ? rules.data : ownRules.data;
  const effectiveOrg = orgId ?? ownRules.data?.org.id;
  usePageTitle(decl ? t('form.editTitle', { title: decl.title }) : t('form.newTitle'));

  const create = useCreateDeclaration();
  const save = useSaveDeclaration(decl?.id ?? 0);
  const submitExisting = useSubmitDeclaration(decl?.id ?? 0);
  const busy = create.isPending || save.isPending || submitExisting.isPending;

  useLayoutEffect(() => {
    form.resetFields();
    form.setFieldsValue(decl ? valuesOf(decl) : NEW_VALUES);
    setDirty(false);
  }, [decl, form]);

  const start = Form.useWatch('start', form);
  const participants = Form.useWatch('participants', form);
  const amount = Form.useWatch('amount', form);
  const foreign = Form.useWatch('foreign', form);
  const kinds = Form.useWatch('kinds', form);

  // The live hint: the district's lead time and the first start a submission today may have.
  const late = !!(rule && start && start.format(DAY) < rule.earliestStartOn);
  const crossed = useMemo(() => {
    if (!rule) return [];
    const fen = yuanToFen(amount ?? '') ?? 0;
    const out: { label: string; kind: string }[] = [];
    if (rule.kinds.includes(PARTICIPANTS_KIND) && (participants ?? 0) >= rule.participantsThreshold) out.push({ label: t('form.crossPeople'), kind: PARTICIPANTS_KIND });
    if (rule.kinds.includes(MONEY_KIND) && fen >= rule.moneyThresholdFen) out.push({ label: t('form.crossMoney'), kind: MONEY_KIND });
    if (rule.kinds.includes(FOREIGN_KIND) && foreign) out.push({ label: t('form.crossForeign'), kind: FOREIGN_KIND });
    return out;
  }, [rule, participants, amount, foreign, t]);
  const missingKinds = crossed.filter((c) => !(kinds ?? []).includes(c.kind));

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'declaration.version_conflict') {
      setConflict(true);
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    void feedback.showServerError(err, { map: (k) => (k === 'plannedStartOn' ? 'start' : k === 'plannedEndOn' ? 'end' : k === 'amountFen' ? 'amount' : k === 'expectedParticipants' ? 'participants' : k === 'foreignRelated' ? 'foreign' : k === 'orgId' || k === 'org' ? null : k) });
  };
  const done = (d: Declaration, submitted: boolean) => {
    setDirty(false);
    guard.release();
    message.success(submitted ? t('form.submitted') : t('form.saved'));
    navigate(`/declarations/${d.id}`);
  };

  const send = async (submit: boolean) => {
    const v = await feedback.validate();
    if (!v || !effectiveOrg) return;
    const body = bodyOf(v);
    if (!decl) {
      create.mutate({ ...body, orgId: effectiveOrg, submit }, { onSuccess: (d) => done(d, submit), onError: fail });
      return;
    }
    save.mutate(
      { ...body, version: decl.version },
      {
        onSuccess: (d) => {
          setDecl(d);
          if (!submit) return done(d, false);
          submitExisting.mutate(undefined, { onSuccess: (s) => done(s, true), onError: fail });
        },
        onError: fail,
      },
    );
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (fresh?.data) setDecl(fresh.data);
    setConflict(false);
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('form.required', { field }) }];
  const unit = (u: 'calendar' | 'working') => t(`form.unit.${u}`);

  return (
    <div className="decl-form-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">
          {decl ? t('form.editTitle', { title: decl.title }) : t('form.newTitle')}
        </Typography.Title>
        <Button onClick={() => navigate(decl ? `/declarations/${decl.id}` : '/declarations')} className="no-print">
          {t('common.cancel')}
        </Button>
      </div>
      {conflict && <ConflictAlert title={t('form.conflict')} hint={t('form.conflictHint')} reloadLabel={t('form.reload')} onReload={reload} />}
      {rule && (
        <Alert
          className="decl-rule"
          type="info"
          showIcon
          title={t('decl.noNationalRule')}
          description={
            <div>
              <div>{t('form.leadHint', { days: rule.leadTime.days, unit: unit(rule.leadTime.unit), today: rule.today, date: rule.earliestStartOn })}</div>
              <div>{t('form.thresholdHint', { people: rule.participantsThreshold, money: formatCount(rule.moneyThresholdFen / 100) })}</div>
              <Typography.Text type="secondary">
                <ServerText>{rule.source}</ServerText>
              </Typography.Text>
            </div>
          }
        />
      )}
      <Form {...feedback.formProps} layout="vertical" onValuesChange={() => setDirty(true)} autoComplete="off">
        <Card className="decl-section">
          {!decl && orgId === undefined && ownRules.isError && (
            <Form.Item label={t('form.org')} required>
              <OrgPicker value={orgId} onChange={setOrgId} id="declaration_org" />
            </Form.Item>
          )}
          {(decl || rule) && (
            <Typography.Paragraph>
              <Typography.Text type="secondary">{t('form.org')}</Typography.Text> <Data>{decl?.org.name ?? rule?.org.name}</Data>
            </Typography.Paragraph>
          )}
          {orgId !== undefined && rules.isError && <LoadError error={rules.error} onRetry={() => rules.refetch()} />}
          {!rule && effectiveOrg !== undefined && !rules.isError ? (
            <Skeleton active />
          ) : (
            <>
              <Form.Item name="kinds" label={t('form.kinds')} extra={t('form.kindsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required', { field: t('form.kinds') }) }]}>
                <Select<string[]> mode="multiple" allowClear options={(rule?.kinds ?? decl?.kinds ?? []).map((k) => ({ value: k, label: k }))} optionRender={(o) => <Data>{o.label}</Data>} tagRender={(tag) => (
                    <Tag closable={tag.closable} onClose={tag.onClose} className="decl-kind-tag">
                      <Data>{tag.label}</Data>
                    </Tag>
                  )} />
              </Form.Item>
              {missingKinds.length > 0 && (
                <Alert className="decl-lead-hint" type="warning" showIcon title={t('form.thresholdCrossed', { what: missingKinds.map((c) => c.label).join('、') })} />
              )}
              <Form.Item name="title" label={t('form.title')} rules={required(t('form.title'))}>
                <Input maxLength={100} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="start" label={t('form.start')} rules={[{ required: true, message: t('form.required', { field: t('form.start') }) }]}>
                    <DatePicker className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="end" label={t('form.end')} dependencies={['start']} rules={[{ required: true, message: t('form.required', { field: t('form.end') }) }]}>
                    <DatePicker className="full-width" disabledDate={(d) => !!start && d.isBefore(start, 'day')} />
                  </Form.Item>
                </Col>
              </Row>
              {rule && start && (
                <Alert
                  className="decl-lead-hint lead-hint"
                  type={late ? 'warning' : 'success'}
                  showIcon
                  title={late ? t('form.leadLate', { date: rule.earliestStartOn }) : t('form.leadOk')}
                />
              )}
              <Form.Item name="place" label={t('form.place')} rules={required(t('form.place'))}>
                <Input maxLength={100} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={8}>
                  <Form.Item name="participants" label={t('form.participants')} rules={[{ required: true, message: t('form.required', { field: t('form.participants') }) }]}>
                    <InputNumber min={0} max={1_000_000} precision={0} className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="amount"
                    label={t('form.amount')}
                    extra={t('form.amountHint')}
                    rules={[{ validator: (_, v: string) => (yuanToFen(v ?? '') !== null && (yuanToFen(v ?? '') ?? 0) >= 0 ? Promise.resolve() : Promise.reject(new Error(t('form.amountInvalid')))) }]}
                  >
                    <Input inputMode="decimal" maxLength={18} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name="foreign" label={t('form.foreign')} valuePropName="checked">
                    <Checkbox>{t('form.foreignCheck')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="content" label={t('form.content')} rules={required(t('form.content'))}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount placeholder={t('form.contentPlaceholder')} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="contactName" label={t('form.contact')} rules={required(t('form.contact'))}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="contactPhone" label={t('form.phone')}>
                    <Input maxLength={30} inputMode="tel" className="mono" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
        </Card>
        <div className="decl-form-actions no-print">
          <Space wrap>
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void send(true)} disabled={!effectiveOrg}>
              {t('form.submit')}
            </Button>
            <Button icon={<SaveOutlined />} loading={busy} onClick={() => void send(false)} disabled={!effectiveOrg}>
              {t('form.saveDraft')}
            </Button>
            <Button onClick={() => navigate(decl ? `/declarations/${decl.id}` : '/declarations')}>{t('common.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
