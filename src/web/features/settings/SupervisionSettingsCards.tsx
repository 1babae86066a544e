import { useMemo, type ReactNode } from 'react';
import { Alert, App, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Typography, type FormInstance } from 'antd';
import type { AnnualReportSettings, DeclarationSettings, LedgerSettings, ReminderSettings } from '../../../shared/schemas/supervision-settings.js';
import { useT } from '../../i18n.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { useSaveSetting, type SettingKey, type SettingsResponse } from './settings.api.js';
import { settingsMessages } from './settings.messages.js';
import { itemOf, ListField, RestoreDefaultsButton, SaveButton, settingPath, Stamp } from './settings-parts.js';
import { supervisionSettingsMessages, type SupervisionSettingsMsgKey } from './supervision-settings.messages.js';

type Props = { data: SettingsResponse; region: string | undefined };

/** The four supervision settings of issue 13, each card citing the rule its defaults come from. */
export function SupervisionSettingsCards({ data, region }: Props) {
  const has = (key: SettingKey) => data.items.some((i) => i.key === key);
  return (
    <>
      {has('ledger') && <LedgerCard data={data} region={region} />}
      {has('declarations') && <DeclarationsCard data={data} region={region} />}
      {has('annual.reports') && <AnnualReportsCard data={data} region={region} />}
      {has('reminders') && <RemindersCard data={data} region={region} />}
    </>
  );
}

/**
 * One setting's card: its form with the shared feedback (server field messages on their fields), save, restore
 * defaults, the stamp of who changed it, and the source of its defaults. `toForm`/`fromForm` convert where the form
 * holds a value otherwise than the setting (money in yuan on screen, fen in the setting).
 */
function SettingCard<T, F>({ data, region, settingKey, title, source, toForm, fromForm, children }: Props & {
  settingKey: SettingKey;
  title: SupervisionSettingsMsgKey;
  source: SupervisionSettingsMsgKey;
  toForm: (v: T) => F;
  fromForm: (f: F) => T;
  children: (form: FormInstance<F>) => ReactNode;
}) {
  const st = useT(settingsMessages);
  const t = useT(supervisionSettingsMessages);
  const { message } = App.useApp();
  const item = itemOf<T>(data, settingKey);
  const [form] = Form.useForm<F>();
  const feedback = useFormFeedback(form, { name: settingKey.replace('.', '-') });
  const save = useSaveSetting(region);
  const initial = useMemo(() => toForm(item.value), [item.value, toForm]);
  const onFinish = (f: F) =>
    save.mutate(
      { key: settingKey, value: fromForm(f) },
      {
        onSuccess: () => message.success(st('saved', { name: t(title) })),
        onError: (err) => void feedback.showServerError(err, { map: settingPath([]) }),
      },
    );
  return (
    <Card title={t(title)} extra={<Stamp item={item} />} className="settings-card">
      <Alert type="info" className="page-alert" title={<><strong>{t('sup.source')}</strong>{t(source)}</>} />
      <Form {...feedback.formProps} layout="vertical" initialValues={initial as object} onFinish={onFinish}>
        {children(form)}
        <Space wrap className="settings-actions">
          <SaveButton saving={save.isPending} />
          <RestoreDefaultsButton onRestore={() => form.setFieldsValue(toForm(item.defaultValue) as Parameters<typeof form.setFieldsValue>[0])} />
        </Space>
      </Form>
    </Card>
  );
}

/** An editable list of short texts (activity types, declared kinds). */
function TextList({ form, name, label, item, add, remove, max = 30, wide }: { form: FormInstance; name: string; label: string; item: SupervisionSettingsMsgKey; add: SupervisionSettingsMsgKey; remove: SupervisionSettingsMsgKey; max?: number; wide?: boolean }) {
  const t = useT(supervisionSettingsMessages);
  return (
    <Form.Item label={label} required>
      <ListField<string>
        form={form}
        name={name}
        wide={wide}
        minItems={1}
        newValue=""
        rules={[{ required: true, whitespace: true, message: t('sup.required') }, { max, message: `≤ ${max}` }]}
        input={(i) => <Input maxLength={max} aria-label={`${t(item)} ${i + 1}`} />}
        addLabel={t(add)}
        removeLabel={(n) => t(remove, { n })}
        duplicateMessage={t('sup.duplicate')}
      />
    </Form.Item>
  );
}

function NumberField({ name, label, min, max, unit, decimals = 0 }: { name: (string | number)[]; label: string; min: number; max: number; unit: string; decimals?: number }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min, max, message: `${min}–${max}` }]}>
      <InputNumber min={min} max={max} precision={decimals} suffix={unit} className="full-width" inputMode={decimals ? 'decimal' : 'numeric'} />
    </Form.Item>
  );
}

const same = <T,>(v: T) => v;
const trimmed = (list: string[] | undefined) => (list ?? []).map((s) => s.trim());

function LedgerCard(props: Props) {
  const t = useT(supervisionSettingsMessages);
  return (
    <SettingCard<LedgerSettings, LedgerSettings> {...props} settingKey="ledger" title="sup.ledger" source="sup.ledger.source" toForm={same} fromForm={(f) => ({ ...f, activityTypes: trimmed(f.activityTypes) })}>
      {(form) => (
        <>
          <TextList form={form as FormInstance} name="activityTypes" label={t('sup.ledger.types')} item="sup.ledger.type" add="sup.ledger.addType" remove="sup.ledger.removeType" />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <NumberField name={['dormancyMonths']} label={t('sup.ledger.dormancyMonths')} min={1} max={60} unit={t('sup.months')} />
            </Col>
          </Row>
        </>
      )}
    </SettingCard>
  );
}

/** The money threshold is typed in yuan and kept in fen (shared/schemas/money.ts). */
type DeclarationForm = Omit<DeclarationSettings, 'moneyThresholdFen'> & { moneyThresholdFen: number };
const declarationToForm = (v: DeclarationSettings): DeclarationForm => ({ ...v, moneyThresholdFen: v.moneyThresholdFen / 100 });
const declarationFromForm = (f: DeclarationForm): DeclarationSettings => ({ ...f, kinds: trimmed(f.kinds), moneyThresholdFen: Math.round(f.moneyThresholdFen * 100) });

function DeclarationsCard(props: Props) {
  const t = useT(supervisionSettingsMessages);
  return (
    <SettingCard<DeclarationSettings, DeclarationForm> {...props} settingKey="declarations" title="sup.declarations" source="sup.declarations.source" toForm={declarationToForm} fromForm={declarationFromForm}>
      {(form) => (
        <>
          <TextList form={form as FormInstance} name="kinds" label={t('sup.declarations.kinds')} item="sup.declarations.kind" add="sup.declarations.addKind" remove="sup.declarations.removeKind" wide />
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <NumberField name={['participantsThreshold']} label={t('sup.declarations.participants')} min={1} max={1_000_000} unit={t('sup.people')} />
            </Col>
            <Col xs={12} md={6}>
              <NumberField name={['moneyThresholdFen']} label={t('sup.declarations.money')} min={1} max={1_000_000_000} unit={t('sup.yuan')} decimals={2} />
            </Col>
            <Col xs={12} md={6}>
              <NumberField name={['leadTime', 'days']} label={t('sup.declarations.leadDays')} min={0} max={60} unit={t('sup.days')} />
            </Col>
            <Col xs={12} md={6}>
              <NumberField name={['summaryDueDays']} label={t('sup.declarations.summaryDays')} min={1} max={90} unit={t('sup.days')} />
            </Col>
          </Row>
          <Form.Item name={['leadTime', 'unit']} label={t('sup.declarations.leadUnit')} rules={[{ required: true, message: t('sup.required') }]}>
            <Radio.Group>
              <Radio value="calendar">{t('sup.declarations.calendar')}</Radio>
              <Radio value="working">{t('sup.declarations.working')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </SettingCard>
  );
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** An optional MM-DD is empty in the form and null in the setting. */
type AnnualForm = Omit<AnnualReportSettings, 'supervisorDueDate' | 'exemptions'> & { supervisorDueDate: string; exemptions: { socialServiceMonths: number; socialGroupEstablishedAfter: string } };
const annualToForm = (v: AnnualReportSettings): AnnualForm => ({ ...v, supervisorDueDate: v.supervisorDueDate ?? '', exemptions: { ...v.exemptions, socialGroupEstablishedAfter: v.exemptions.socialGroupEstablishedAfter ?? '' } });
const annualFromForm = (f: AnnualForm): AnnualReportSettings => ({
  ...f,
  dueDate: f.dueDate.trim(),
  supervisorDueDate: f.supervisorDueDate?.trim() || null,
  exemptions: { ...f.exemptions, socialGroupEstablishedAfter: f.exemptions.socialGroupEstablishedAfter?.trim() || null },
});

function MonthDayField({ name, label, optional }: { name: (string | number)[]; label: string; optional?: boolean }) {
  const t = useT(supervisionSettingsMessages);
  return (
    <Form.Item name={name} label={label} rules={[{ required: !optional, message: t('sup.annual.monthDay') }, { pattern: MONTH_DAY, message: t('sup.annual.monthDay') }]}>
      <Input maxLength={5} placeholder="05-31" className="mono" inputMode="numeric" allowClear={optional} />
    </Form.Item>
  );
}

function AnnualReportsCard(props: Props) {
  const t = useT(supervisionSettingsMessages);
  return (
    <SettingCard<AnnualReportSettings, AnnualForm> {...props} settingKey="annual.reports" title="sup.annual" source="sup.annual.source" toForm={annualToForm} fromForm={annualFromForm}>
      {() => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <MonthDayField name={['dueDate']} label={t('sup.annual.dueDate')} />
          </Col>
          <Col xs={24} md={8}>
            <MonthDayField name={['supervisorDueDate']} label={t('sup.annual.supervisorDueDate')} optional />
          </Col>
          <Col xs={24} md={8}>
            <NumberField name={['correctionWorkingDays']} label={t('sup.annual.correctionDays')} min={1} max={60} unit={t('sup.workdays')} />
          </Col>
          <Col xs={24} md={8}>
            <NumberField name={['exemptions', 'socialServiceMonths']} label={t('sup.annual.socialServiceMonths')} min={0} max={12} unit={t('sup.months')} />
          </Col>
          <Col xs={24} md={8}>
            <MonthDayField name={['exemptions', 'socialGroupEstablishedAfter']} label={t('sup.annual.socialGroupAfter')} optional />
          </Col>
          <Col xs={24} md={8}>
            <NumberField name={['largeChangePercent']} label={t('sup.annual.largeChange')} min={1} max={1000} unit={t('sup.percent')} />
          </Col>
        </Row>
      )}
    </SettingCard>
  );
}

/** Thresholds are kept largest first, as they are sent (30 → 7 → 1). */
const remindersFromForm = (f: ReminderSettings): ReminderSettings => ({ daysBefore: [...(f.daysBefore ?? [])].sort((a, b) => b - a) });

function RemindersCard(props: Props) {
  const t = useT(supervisionSettingsMessages);
  return (
    <SettingCard<ReminderSettings, ReminderSettings> {...props} settingKey="reminders" title="sup.reminders" source="sup.reminders.source" toForm={same} fromForm={remindersFromForm}>
      {(form) => (
        <Form.Item label={t('sup.reminders.days')}>
          <ListField<number | undefined>
            form={form as FormInstance}
            name="daysBefore"
            maxItems={5}
            newValue={undefined}
            rules={[{ required: true, type: 'number', min: 1, max: 90, message: '1–90' }]}
            input={(i) => <InputNumber min={1} max={90} precision={0} suffix={t('sup.days')} className="full-width" inputMode="numeric" aria-label={t('sup.reminders.day', { n: i + 1 })} />}
            addLabel={t('sup.reminders.addDay')}
            removeLabel={(n) => t('sup.reminders.removeDay', { n })}
            duplicateMessage={t('sup.duplicate')}
            empty={<Typography.Paragraph type="secondary">{t('sup.reminders.none')}</Typography.Paragraph>}
          />
        </Form.Item>
      )}
    </SettingCard>
  );
}
