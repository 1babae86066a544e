import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, AutoComplete, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { usePageTitle } from '../../lib/page-title.js';
import { isRecordId } from '../../components/RecordLoader.js';
import { Data } from '../../components/Data.js';
import { yuanToFen } from '../../../shared/schemas/money.js';
import { AMOUNT_KINDS, PENALTY_KIND_LABELS, PENALTY_KINDS, USUAL_LEGAL_BASES, type PenaltyKind } from '../../../shared/schemas/penalties.js';
import { OrgPicker } from '../declarations/DeclarationFormPage.js';
import { formatYuan } from '../../lib/format.js';
import { useRecordPenalty } from './penalties.api.js';
import { penaltiesMessages } from './penalties.messages.js';

interface Values {
  orgId?: number;
  kind: PenaltyKind;
  amount: string;
  suspendedFrom: Dayjs | null;
  suspendedTo: Dayjs | null;
  decisionNo: string;
  decidedOn: Dayjs | null;
  decidingBody: string;
  byRegistrar: boolean;
  facts: string;
  legalBasis: string;
}

const DAY = 'YYYY-MM-DD';
// The server's field names to the form's.
const FIELD_OF: Record<string, string> = { amountFen: 'amount' };

/** `/penalties/new?org=`: the district records a penalty decision (its own or another department's), in yuan. */
export default function PenaltyFormPage() {
  const t = useT(penaltiesMessages);
  usePageTitle(t('form.title'));
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [params] = useSearchParams();
  const paramOrg = Number(params.get('org'));
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'penalty' });
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  const record = useRecordPenalty();
  const kind = Form.useWatch('kind', form);
  const withAmount = AMOUNT_KINDS.includes(kind);
  const [orgName, setOrgName] = useState('');

  const initial: Values = {
    orgId: isRecordId(paramOrg) ? paramOrg : undefined,
    kind: 'warning',
    amount: '',
    suspendedFrom: null,
    suspendedTo: null,
    decisionNo: '',
    decidedOn: dayjs(),
    decidingBody: t('form.ownBody'),
    byRegistrar: true,
    facts: '',
    legalBasis: '',
  };

  const send = async () => {
    const v = await feedback.validate();
    if (!v || !v.orgId) return;
    const amountFen = withAmount ? yuanToFen(v.amount) : null;
    const ok = await new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('form.confirmTitle'),
        content: t('form.confirmBody', { org: orgName || `#${v.orgId}`, kind: PENALTY_KIND_LABELS[v.kind], amount: amountFen !== null ? ` ${formatYuan(amountFen)}` : '', no: v.decisionNo.trim() }),
        okText: t('form.save'),
        cancelText: t('form.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
    if (!ok) return;
    record.mutate(
      {
        orgId: v.orgId,
        kind: v.kind,
        amountFen,
        suspendedFrom: v.kind === 'suspension' ? (v.suspendedFrom?.format(DAY) ?? null) : null,
        suspendedTo: v.kind === 'suspension' ? (v.suspendedTo?.format(DAY) ?? null) : null,
        decisionNo: v.decisionNo.trim(),
        decidedOn: v.decidedOn?.format(DAY) ?? '',
        decidingBody: v.decidingBody.trim(),
        byRegistrar: v.byRegistrar,
        facts: v.facts.trim(),
        legalBasis: v.legalBasis.trim(),
      },
      {
        onSuccess: (p) => {
          setDirty(false);
          guard.release();
          message.success(t('form.saved'));
          navigate(`/penalties/${p.id}`);
        },
        onError: (err) => void feedback.showServerError(err, { map: (k) => FIELD_OF[k] ?? k }),
      },
    );
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('form.required', { field }) }];
  return (
    <Card title={t('form.title')} extra={<Button onClick={() => navigate(isRecordId(paramOrg) ? `/orgs/${paramOrg}?tab=penalties` : '/penalties')}>{t('form.cancel')}</Button>}>
      <Typography.Paragraph type="secondary">{t('pen.note')}</Typography.Paragraph>
      <Form<Values> {...feedback.formProps} layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)} className="form-narrow">
        <Form.Item name="orgId" label={t('form.org')} rules={[{ required: true, message: t('form.required', { field: t('form.org') }) }]}>
          <OrgPicker placeholder={t('form.orgPlaceholder')} onChange={(_id, name) => setOrgName(name ?? '')} />
        </Form.Item>
        <Form.Item name="kind" label={t('form.kind')} rules={[{ required: true }]}>
          <Select<PenaltyKind> options={PENALTY_KINDS.map((k) => ({ value: k, label: <Data>{PENALTY_KIND_LABELS[k]}</Data> }))} />
        </Form.Item>
        {withAmount && (
          <Form.Item
            name="amount"
            label={t('form.amount')}
            extra={t('form.amountHint')}
            rules={[{ required: true, validator: (_r, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('form.amountInvalid')))) }]}
          >
            <Input inputMode="decimal" prefix="¥" maxLength={20} />
          </Form.Item>
        )}
        {kind === 'suspension' && (
          <Space wrap size={16}>
            <Form.Item name="suspendedFrom" label={t('form.suspendedFrom')} rules={[{ required: true, message: t('form.required', { field: t('form.suspendedFrom') }) }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="suspendedTo" label={t('form.suspendedTo')} rules={[{ required: true, message: t('form.required', { field: t('form.suspendedTo') }) }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="decisionNo" label={t('form.decisionNo')} rules={required(t('form.decisionNo'))}>
          <Input maxLength={100} placeholder={t('form.decisionNoPlaceholder')} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('form.decidedOn')} rules={[{ required: true, message: t('form.required', { field: t('form.decidedOn') }) }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="decidingBody" label={t('form.decidingBody')} rules={required(t('form.decidingBody'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="byRegistrar" valuePropName="checked" extra={t('form.byRegistrarHint')}>
          <Checkbox>{t('form.byRegistrar')}</Checkbox>
        </Form.Item>
        <Form.Item name="facts" label={t('form.facts')} rules={required(t('form.facts'))}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('form.legalBasis')} extra={t('form.legalBasisHint')} rules={required(t('form.legalBasis'))}>
          <AutoComplete options={USUAL_LEGAL_BASES.map((b) => ({ value: b }))} maxLength={500} />
        </Form.Item>
        <Button type="primary" onClick={send} loading={record.isPending}>
          {t('form.save')}
        </Button>
      </Form>
    </Card>
  );
}
