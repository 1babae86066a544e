import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { GROUNDS_NEEDING_BASIS, MANUAL_GROUNDS, type ManualGround } from '../../../shared/schemas/credit.js';
import type { OrgListResponse } from '../../../shared/schemas/orgs.js';
import { api } from '../../api/client.js';
import { Data, ServerText } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import { useFormFeedback, useUnsavedGuard } from '../../lib/form-feedback.js';
import { useDebouncedValue } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { creditRulesQuery, useCreateEntry } from './credit.api.js';
import { creditMessages } from './credit.messages.js';
import './credit.css';

interface Values {
  orgId?: number;
  ground?: ManualGround;
  factOn?: Dayjs;
  facts?: string;
  basisNote?: string;
}

/** Picks an organization in the district admin's reach by name, pinyin or initials. */
function OrgPicker({ value, onChange, id, initial }: { value?: number; onChange?: (v: number) => void; id?: string; initial?: { id: number; name: string } }) {
  const t = useT(creditMessages);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const orgs = useQuery({
    queryKey: ['orgs', 'credit-picker', q],
    queryFn: ({ signal }) => api<OrgListResponse>('/orgs', { query: { q, pageSize: 30, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('form.orgPlaceholder')}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? <Spin size="small" /> : null}
      options={options}
      optionRender={(o) => <Data>{o.label}</Data>}
    />
  );
}

/**
 * `/credit/new?org=`: the district admin lists an organization by hand on a ground the platform cannot see by itself
 * (a defaulter, a fraudulent change revoked, another ground with its basis). The server sends the notice; the entry
 * is listed when the objection window ends. Grounds the platform's own facts decide (penalties, two years on the
 * abnormal list) are not offered: the rules enter them.
 */
export default function CreditNewPage() {
  const t = useT(creditMessages);
  usePageTitle(t('form.title'));
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const preset = Number(params.get('org'));
  const presetName = params.get('orgName');
  const [form] = Form.useForm<Values>();
  const feedback = useFormFeedback(form, { name: 'creditEntry' });
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  const create = useCreateEntry();
  const rules = useQuery(creditRulesQuery('credit.'));
  const ground = Form.useWatch('ground', form);
  const rule = rules.data?.items.find((r) => r.key === ground);
  const needsBasis = ground !== undefined && GROUNDS_NEEDING_BASIS.includes(ground);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('act.required', { field }) }];
  const grouped = (['abnormal', 'dishonest'] as const).map((list) => ({
    label: t(`credit.tab.${list}`),
    options: MANUAL_GROUNDS.filter((g) => g.startsWith(`credit.${list}.`)).map((g) => ({ value: g, label: rules.data?.items.find((r) => r.key === g)?.title ?? g })),
  }));

  const submit = async () => {
    const v = await feedback.validate();
    if (!v) return;
    await create
      .mutateAsync({ orgId: v.orgId!, ground: v.ground!, factOn: v.factOn!.format('YYYY-MM-DD'), facts: v.facts!.trim(), basisNote: v.basisNote?.trim() || undefined })
      .then((entry) => {
        setDirty(false);
        guard.release();
        void message.success(t('form.created'));
        navigate(`/credit/${entry.id}`);
      })
      .catch((err: unknown) => feedback.showServerError(err));
  };

  return (
    <Card title={t('form.title')} className="credit-form-page">
      <Form
        {...feedback.formProps}
        layout="vertical"
        className="credit-form"
        initialValues={{ orgId: Number.isInteger(preset) && preset > 0 ? preset : undefined, factOn: dayjs() }}
        onValuesChange={() => setDirty(true)}
      >
        <Form.Item name="orgId" label={t('form.org')} rules={[{ required: true, message: t('act.required', { field: t('form.org') }) }]}>
          <OrgPicker initial={presetName && preset > 0 ? { id: preset, name: presetName } : undefined} />
        </Form.Item>
        <Form.Item name="ground" label={t('form.ground')} rules={[{ required: true, message: t('act.required', { field: t('form.ground') }) }]}>
          <Select<ManualGround> options={grouped} loading={rules.isPending} optionRender={(o) => <ServerText>{o.label}</ServerText>} labelRender={(o) => <ServerText>{o.label}</ServerText>} />
        </Form.Item>
        {rule ? (
          <Alert
            type="info"
            showIcon
            className="credit-form-basis"
            title={<>{t('form.basisLine')}<ServerText>{`${rule.title}（${rule.source}，${rule.article}）`}</ServerText></>}
            description={<ServerText>{rule.summary}</ServerText>}
          />
        ) : (
          <Typography.Paragraph type="secondary">{t('form.basisHint')}</Typography.Paragraph>
        )}
        <Form.Item name="factOn" label={t('form.factOn')} rules={[{ required: true, message: t('act.required', { field: t('form.factOn') }) }]}>
          <DatePicker className="full-width" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="facts" label={t('form.facts')} rules={required(t('form.facts'))}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount placeholder={t('form.factsPlaceholder')} />
        </Form.Item>
        <Form.Item name="basisNote" label={t('form.basis')} rules={needsBasis ? required(t('form.basis')) : []}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount placeholder={t('form.basisPlaceholder')} />
        </Form.Item>
        <Space>
          <Button type="primary" onClick={submit} loading={create.isPending}>
            {t('form.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('form.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
