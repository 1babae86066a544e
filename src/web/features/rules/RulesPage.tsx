import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { HistoryOutlined, SlidersOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useCan } from '../../auth/session.js';
import { Data } from '../../components/Data.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { formatDateTime } from '../../lib/format.js';
import { useUrlFilters } from '../../lib/hooks.js';
import { usePageTitle } from '../../lib/page-title.js';
import { isCalendarDate } from '../../../shared/schemas/common.js';
import { RULE_CERTAINTY_LABELS } from '../../../shared/schemas/rules.js';
import { ruleHistoryQuery, rulesQuery, useOverrideRule, type Rule } from './rules.api.js';
import { rulesMessages } from './rules.messages.js';
import { paramLabel, paramValue } from './rule-params.js';
import './rules.css';

const DAY = 'YYYY-MM-DD';
const AREAS = ['credit', 'eligibility', 'inspection', 'evaluation'] as const;
type Area = (typeof AREAS)[number] | 'other';
const areaOf = (key: string): Area => {
  const head = key.split('.')[0] as Area;
  return (AREAS as readonly string[]).includes(head) ? head : 'other';
};

/** Draft and inferred texts stand out: the office must not take them for the official wording. */
function CertaintyTag({ certainty }: { certainty: Rule['certainty'] }) {
  const color = certainty === 'found' ? 'green' : certainty === 'local' ? 'blue' : 'orange';
  return (
    <Tag color={color}>
      <Data>{RULE_CERTAINTY_LABELS[certainty]}</Data>
    </Tag>
  );
}

function ParamList({ rule }: { rule: Rule }) {
  const t = useT(rulesMessages);
  const keys = Object.keys(rule.params);
  if (keys.length === 0) return <Typography.Text type="secondary">{t('rules.noParams')}</Typography.Text>;
  return (
    <ul className="rule-params">
      {keys.map((k) => {
        const value = rule.params[k]!;
        const changed = rule.defaults[k] !== undefined && rule.defaults[k] !== value;
        return (
          <li key={k}>
            <Data>{paramLabel(t, k, rule.overridable[k]?.label)}</Data>: <strong>{paramValue(t, k, value)}</strong>
            {changed && <Typography.Text type="secondary"> {t('rules.default', { value: paramValue(t, k, rule.defaults[k]!) })}</Typography.Text>}
          </li>
        );
      })}
    </ul>
  );
}

function HistoryDrawer({ ruleKey, onClose }: { ruleKey: string; onClose: () => void }) {
  const t = useT(rulesMessages);
  const q = useQuery(ruleHistoryQuery(ruleKey));
  return (
    <Drawer open title={t('rules.history')} onClose={onClose} size="large" destroyOnHidden>
      {q.isError && <LoadError error={q.error} onRetry={() => q.refetch()} />}
      {q.data && (
        <Space direction="vertical" size={16} className="full-width">
          <Typography.Title level={5}>{t('hist.versions')}</Typography.Title>
          {q.data.versions.map((v) => (
            <Descriptions
              key={v.validFrom}
              bordered
              size="small"
              column={1}
              title={<Data>{v.title}</Data>}
              extra={<CertaintyTag certainty={v.certainty} />}
              items={[
                { key: 'valid', label: t('rules.valid'), children: <span className="mono">{v.validTo ? t('rules.validRange', { from: v.validFrom, to: v.validTo }) : t('rules.validOpen', { from: v.validFrom })}</span> },
                { key: 'source', label: t('rules.source'), children: <Data>{`${v.source}，${v.article}`}</Data> },
                { key: 'summary', label: t('hist.summary'), children: <Data>{v.summary}</Data> },
                { key: 'defaults', label: t('hist.defaults'), children: Object.entries(v.defaults).map(([k, x]) => `${paramLabel(t, k, v.overridable[k]?.label)} ${paramValue(t, k, x)}`).join('；') || '—' },
              ]}
            />
          ))}
          <Typography.Title level={5}>{t('hist.overrides')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={q.data.overrides}
            locale={{ emptyText: t('hist.noOverrides') }}
            columns={[
              { title: t('hist.col.validFrom'), key: 'validFrom', render: (_: unknown, o) => <span className="mono">{o.validFrom}</span> },
              { title: t('hist.col.district'), key: 'district', render: (_: unknown, o) => <Data>{o.districtName}</Data> },
              { title: t('hist.col.params'), key: 'params', render: (_: unknown, o) => Object.entries(o.params).map(([k, x]) => `${paramLabel(t, k)} ${paramValue(t, k, x)}`).join('；') },
              { title: t('hist.col.reason'), key: 'reason', render: (_: unknown, o) => <Data>{o.reason}</Data> },
              { title: t('hist.col.by'), key: 'by', render: (_: unknown, o) => <Data>{o.setBy ?? '—'}</Data> },
              { title: t('hist.col.at'), key: 'at', render: (_: unknown, o) => <span className="mono">{formatDateTime(o.setAt, false)}</span> },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** 调整本区参数: the overridable parameters, from a day not before today, with a reason; the server's field messages shown. */
function OverrideModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const t = useT(rulesMessages);
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ validFrom: Dayjs | null; reason: string; params: Record<string, number | boolean> }>();
  const feedback = useFormFeedback(form, { name: 'rule-override' });
  const save = useOverrideRule(rule.key);
  const keys = Object.keys(rule.overridable);
  const confirm = async () => {
    const v = await feedback.validate();
    if (!v?.validFrom) return;
    const from = v.validFrom.format(DAY);
    const ok = await new Promise<boolean>((resolve) => modal.confirm({ title: t('ovr.confirm', { from }), okText: t('ovr.save'), cancelText: t('ovr.cancel'), onOk: () => resolve(true), onCancel: () => resolve(false) }));
    if (!ok) return;
    save.mutate(
      { validFrom: from, reason: v.reason.trim(), params: v.params },
      {
        onSuccess: () => {
          message.success(t('ovr.saved'));
          onClose();
        },
        // params.percent → ['params', 'percent'] (the form's path of that field).
        onError: (err) => void feedback.showServerError(err, { map: (k) => (k.startsWith('params.') ? ['params', k.slice(7)] : k) }),
      },
    );
  };
  return (
    <Modal open title={t('ovr.title', { title: rule.title })} onCancel={onClose} onOk={confirm} okText={t('ovr.save')} cancelText={t('ovr.cancel')} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('ovr.hint')}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical" initialValues={{ validFrom: dayjs().add(1, 'day'), reason: '', params: Object.fromEntries(keys.map((k) => [k, rule.params[k]])) }}>
        {keys.map((k) => {
          const p = rule.overridable[k]!;
          return p.type === 'boolean' ? (
            <Form.Item key={k} name={['params', k]} valuePropName="checked">
              <Checkbox>{p.label}</Checkbox>
            </Form.Item>
          ) : (
            <Form.Item key={k} name={['params', k]} label={p.label} extra={p.min !== undefined && p.max !== undefined ? t('ovr.range', { min: p.min, max: p.max }) : undefined} rules={[{ required: true, message: t('ovr.required', { field: p.label }) }]}>
              <InputNumber<number> min={p.min} max={p.max} precision={p.type === 'integer' ? 0 : 2} />
            </Form.Item>
          );
        })}
        <Form.Item name="validFrom" label={t('ovr.validFrom')} rules={[{ required: true, message: t('ovr.required', { field: t('ovr.validFrom') }) }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('ovr.reason')} rules={[{ required: true, whitespace: true, message: t('ovr.required', { field: t('ovr.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RuleCard({ rule, onHistory, onAdjust }: { rule: Rule; onHistory: () => void; onAdjust?: () => void }) {
  const t = useT(rulesMessages);
  return (
    <Card
      size="small"
      className="rule-card"
      data-rule={rule.key}
      title={
        <Space wrap size={4}>
          <Data>{rule.title}</Data>
          <CertaintyTag certainty={rule.certainty} />
        </Space>
      }
      extra={
        <Space wrap size={4}>
          <Button size="small" icon={<HistoryOutlined />} onClick={onHistory}>
            {t('rules.history')}
          </Button>
          {onAdjust && (
            <Button size="small" icon={<SlidersOutlined />} onClick={onAdjust}>
              {t('rules.adjust')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>
        <Data>{rule.summary}</Data>
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'source', label: t('rules.source'), children: <Data>{rule.source}</Data> },
          { key: 'article', label: t('rules.article'), children: <Data>{rule.article}</Data> },
          { key: 'valid', label: t('rules.valid'), children: <span className="mono">{rule.validTo ? t('rules.validRange', { from: rule.validFrom, to: rule.validTo }) : t('rules.validOpen', { from: rule.validFrom })}</span> },
          { key: 'params', label: t('rules.params'), children: <ParamList rule={rule} />, span: 'filled' },
          ...(rule.override
            ? [{ key: 'override', label: t('rules.override'), children: <Data>{t('rules.overrideText', { from: rule.override.validFrom, reason: rule.override.reason, by: rule.override.setBy ?? '—' })}</Data>, span: 'filled' as const }]
            : []),
        ]}
      />
    </Card>
  );
}

/** `/rules`: the rules in force on a chosen day, by area, with their sources, values, history and the district's own. */
export default function RulesPage() {
  const t = useT(rulesMessages);
  usePageTitle(t('rules.title'));
  const can = useCan();
  const [params, update] = useUrlFilters();
  const onParam = params.get('on');
  const on = onParam && /^\d{4}-\d{2}-\d{2}$/.test(onParam) && isCalendarDate(onParam) ? onParam : undefined;
  const q = useQuery(rulesQuery(on));
  const [history, setHistory] = useState<string | null>(null);
  const [adjust, setAdjust] = useState<Rule | null>(null);
  const mayOverride = can('rule.override');
  const items = q.data?.items ?? [];
  const areas = [...AREAS, 'other' as const].map((a) => ({ area: a, rules: items.filter((r) => areaOf(r.key) === a) })).filter((g) => g.rules.length > 0);

  return (
    <Card title={t('rules.title')}>
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      <div className="filter-bar no-print">
        <span>{t('rules.on')}</span>
        {/* The day the server judged (today in China when none is chosen), not the browser's own calendar day. */}
        <DatePicker value={dayjs(on ?? q.data?.on)} allowClear={false} aria-label={t('rules.on')} onChange={(d) => update({ on: d ? d.format(DAY) : null })} />
      </div>
      <Alert type="info" showIcon className="rules-note" title={t('rules.certaintyNote')} />
      {q.isError && <LoadError error={q.error} onRetry={() => q.refetch()} />}
      {q.isPending && <Card loading />}
      {q.data && areas.length === 0 && <Empty description={t('rules.empty')} />}
      {areas.map((g) => (
        <section key={g.area} className="rules-area">
          <Typography.Title level={5}>{t(`rules.area.${g.area}`)}</Typography.Title>
          <Space direction="vertical" size={12} className="full-width">
            {g.rules.map((r) => (
              <RuleCard key={r.key} rule={r} onHistory={() => setHistory(r.key)} onAdjust={mayOverride && Object.keys(r.overridable).length > 0 ? () => setAdjust(r) : undefined} />
            ))}
          </Space>
        </section>
      ))}
      {history && <HistoryDrawer ruleKey={history} onClose={() => setHistory(null)} />}
      {adjust && <OverrideModal rule={adjust} onClose={() => setAdjust(null)} />}
    </Card>
  );
}
