import { useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Skeleton, Space, Tag, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FILING_STEP_LABELS, type WorkdayOverrides, type WorkflowSettings } from '../../../shared/schemas/settings.js';
import { useCurrentUser } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { RegionSelect } from '../regions/RegionSelect.js';
import { useT } from '../../i18n.js';
import { useUrlFilters } from '../../lib/hooks.js';
import { useFormFeedback } from '../../lib/form-feedback.js';
import { TARGET_SETTING_LABELS, readTargetSettings, type TargetSettings } from '../../../shared/schemas/targets.js';
import { settingsQuery, useSaveSetting, type SettingsResponse } from './settings.api.js';
import { settingsMessages } from './settings.messages.js';
import './settings.css';
import { itemOf, ListField, RestoreDefaultsButton, SaveButton, settingPath, Stamp } from './settings-parts.js';
import { SupervisionSettingsCards } from './SupervisionSettingsCards.js';

/** `/settings`: a district's workflow, deadlines and thresholds, holiday schedules and categories (district admins). */
export default function SettingsPage() {
  const st = useT(settingsMessages);
  const user = useCurrentUser();
  const [params, update] = useUrlFilters();
  const region = params.get('region') || undefined;
  const regionName = params.get('regionName');
  // An admin above district level (a city) picks the district first.
  const mustPick = !region && user.region?.level !== 3;
  const q = useQuery({ ...settingsQuery(region), enabled: !mustPick });

  let body: ReactNode;
  if (mustPick) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={st('districtPick')} />;
  else if (q.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (q.isError) body = <LoadError error={q.error} onRetry={() => q.refetch()} />;
  else body = <Settings data={q.data} region={region} />;

  return (
    <div className="settings-page">
      <Card
        title={
          <Space wrap>
            {st('title')}
            {q.data && <Tag color="blue"><span data-value="">{q.data.region.name}</span></Tag>}
          </Space>
        }
        className="settings-head"
      >
        <Typography.Paragraph type="secondary">{st('districtHint')}</Typography.Paragraph>
        {user.region?.level !== 3 && (
          <RegionSelect
            value={region ?? null}
            initial={region && regionName ? { code: region, name: regionName } : null}
            placeholder={st('districtPick')}
            onChange={(code, hit) => update({ region: code, regionName: hit?.name })}
            isDisabled={(hit) => hit.level !== 3}
            style={{ width: 'min(360px, 100%)' }}
          />
        )}
      </Card>
      {body}
    </div>
  );
}

function Settings({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  return (
    <>
      <WorkflowCard data={data} region={region} />
      <WorkdaysCard data={data} region={region} />
      <CategoriesCard data={data} region={region} />
      {data.items.some((i) => i.key === 'targets') && <TargetsCard data={data} region={region} />}
      <SupervisionSettingsCards data={data} region={region} />
    </>
  );
}

function WorkflowCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useT(settingsMessages);
  const { message } = App.useApp();
  const item = itemOf<WorkflowSettings>(data, 'workflow');
  const [form] = Form.useForm<WorkflowSettings>();
  const feedback = useFormFeedback(form, { name: 'workflow' });
  const save = useSaveSetting(region);

  const onFinish = (value: WorkflowSettings) =>
    save.mutate(
      { key: 'workflow', value },
      {
        onSuccess: () => message.success(st('saved', { name: st('workflow') })),
        onError: (err) => void feedback.showServerError(err, { map: settingPath([]) }),
      },
    );

  const days = (name: (string | number)[], label: string, max = 90, unit = st('workdays'), min = 1) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'integer', min, max, message: `${min}–${max}` }]}>
      <InputNumber min={min} max={max} precision={0} suffix={unit} className="full-width" inputMode="numeric" />
    </Form.Item>
  );

  return (
    <Card title={st('workflow')} extra={<Stamp item={item} />} className="settings-card">
      <Form {...feedback.formProps} layout="vertical" initialValues={item.value} onFinish={onFinish}>
        <Form.Item name="filingSteps" label={st('steps')} extra={st('stepsHint')}>
          <Radio.Group className="settings-radios">
            {Object.keys(FILING_STEP_LABELS).map((k) => (
              <Radio key={k} value={k}>
                {st(`steps.${k as keyof typeof FILING_STEP_LABELS}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Typography.Text strong>{st('deadlines')}</Typography.Text>
        <Row gutter={16} className="settings-row">
          <Col xs={12} md={6}>
            {days(['deadlines', 'community'], st('community'))}
          </Col>
          <Col xs={12} md={6}>
            {days(['deadlines', 'street'], st('street'))}
          </Col>
          <Col xs={12} md={6}>
            {days(['deadlines', 'district'], st('districtStep'))}
          </Col>
          <Col xs={12} md={6}>
            {days(['deadlines', 'registration'], st('registration'))}
          </Col>
          <Col xs={12} md={6}>
            {days(['dueSoonDays'], st('dueSoon'), 30, st('days'), 0)}
          </Col>
        </Row>
        <Typography.Text strong>{st('thresholds')}</Typography.Text>
        <Row gutter={16} className="settings-row">
          <Col xs={12} md={6}>
            {days(['memberThresholds', 'individual'], st('individual'), 10_000, st('people'))}
          </Col>
          <Col xs={12} md={6}>
            {days(['memberThresholds', 'unit'], st('unit'), 10_000, st('units'))}
          </Col>
        </Row>
        <Space wrap>
          <SaveButton saving={save.isPending} />
          <RestoreDefaultsButton onRestore={() => form.setFieldsValue(item.defaultValue)} />
        </Space>
      </Form>
    </Card>
  );
}

interface YearValues {
  year?: string;
  holidays?: Dayjs[];
  workdays?: Dayjs[];
}

function WorkdaysCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useT(settingsMessages);
  const { message } = App.useApp();
  const item = itemOf<WorkdayOverrides>(data, 'workdays.overrides');
  const [form] = Form.useForm<{ years: YearValues[] }>();
  const feedback = useFormFeedback(form, { name: 'workdays' });
  const save = useSaveSetting(region);
  const initial = useMemo(
    () => ({
      years: Object.entries(item.value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([year, v]) => ({ year, holidays: v.holidays.map((d) => dayjs(d)), workdays: v.workdays.map((d) => dayjs(d)) })),
    }),
    [item.value],
  );

  const onFinish = (v: { years: YearValues[] }) => {
    const value: WorkdayOverrides = {};
    for (const y of v.years ?? []) {
      const fmt = (list?: Dayjs[]) => [...(list ?? [])].sort((a, b) => a.valueOf() - b.valueOf()).map((d) => d.format('YYYY-MM-DD'));
      value[String(y.year).trim()] = { holidays: fmt(y.holidays), workdays: fmt(y.workdays) };
    }
    save.mutate(
      { key: 'workdays.overrides', value },
      {
        onSuccess: () => message.success(st('saved', { name: st('holidays') })),
        onError: (err) => void feedback.showServerError(err, { map: settingPath([]) }),
      },
    );
  };

  const addYear = (year?: number) => {
    const years = (form.getFieldValue('years') as YearValues[] | undefined) ?? [];
    const taken = new Set(years.map((y) => Number(y.year)));
    let next = year ?? data.coveredThrough + 1;
    while (taken.has(next)) next++;
    form.setFieldValue('years', [...years, { year: String(next), holidays: [], workdays: [] }]);
  };

  const inYear = (index: number, weekend: boolean) => ({
    validator: async (_r: unknown, list: Dayjs[] | undefined) => {
      const year = (form.getFieldValue(['years', index, 'year']) as string | undefined)?.trim();
      if (!list?.length || !year) return;
      if (list.some((d) => d.year() !== Number(year))) throw new Error(st('notInYear', { year }));
      const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;
      if (weekend && list.some((d) => !isWeekend(d))) throw new Error(st('notWeekend'));
      if (!weekend && list.some(isWeekend)) throw new Error(st('notWeekday'));
    },
  });

  return (
    <Card title={st('holidays')} extra={<Stamp item={item} />} className="settings-card">
      {data.uncoveredYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          role="alert"
          title={st('uncovered', { years: data.uncoveredYears.join('、') })}
          action={
            <Space direction="vertical">
              {data.uncoveredYears.map((y) => (
                <Button key={y} size="small" onClick={() => addYear(y)}>
                  {st('uncoveredAction', { year: y })}
                </Button>
              ))}
            </Space>
          }
        />
      )}
      <Typography.Paragraph type="secondary">{st('holidaysHint', { year: data.coveredThrough })}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Form.List name="years">
          {(fields, { remove }) => (
            <>
              {fields.length === 0 && <Typography.Paragraph type="secondary">{st('noYears')}</Typography.Paragraph>}
              {fields.map((field) => (
                <Card key={field.key} size="small" className="settings-year">
                  <Row gutter={16} align="top">
                    <Col xs={24} md={4}>
                      <Form.Item
                        name={[field.name, 'year']}
                        label={st('year')}
                        rules={[
                          { required: true, pattern: /^\d{4}$/, message: st('yearRule') },
                          {
                            validator: async (_r, y: string | undefined) => {
                              const all = ((form.getFieldValue('years') as YearValues[]) ?? []).filter((v) => v.year?.trim() === y?.trim());
                              if (y && all.length > 1) throw new Error(st('yearDup'));
                            },
                          },
                        ]}
                      >
                        <Input maxLength={4} inputMode="numeric" className="mono" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'holidays']} label={st('offDays')} rules={[inYear(field.name, false)]}>
                        <DatePicker multiple maxTagCount="responsive" className="full-width" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'workdays']} label={st('workDays')} rules={[inYear(field.name, true)]}>
                        <DatePicker multiple maxTagCount="responsive" className="full-width" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={2} className="settings-year-remove">
                      <Popconfirm
                        title={st('removeYearConfirm', { year: form.getFieldValue(['years', field.name, 'year']) ?? '' })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(field.name)}
                      >
                        <Button danger type="text" icon={<DeleteOutlined />} aria-label={st('removeYear')} />
                      </Popconfirm>
                    </Col>
                  </Row>
                </Card>
              ))}
            </>
          )}
        </Form.List>
        <Space wrap className="settings-actions">
          <Button icon={<PlusOutlined />} onClick={() => addYear()}>
            {st('addYear')}
          </Button>
          <SaveButton saving={save.isPending} />
        </Space>
      </Form>
    </Card>
  );
}

function CategoriesCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useT(settingsMessages);
  const { message } = App.useApp();
  const item = itemOf<string[]>(data, 'org.categories');
  const [form] = Form.useForm<{ categories: string[] }>();
  const feedback = useFormFeedback(form, { name: 'categories' });
  const save = useSaveSetting(region);

  const onFinish = (v: { categories: string[] }) =>
    save.mutate(
      { key: 'org.categories', value: (v.categories ?? []).map((c) => c.trim()) },
      {
        onSuccess: () => message.success(st('saved', { name: st('categories') })),
        onError: (err) => void feedback.showServerError(err, { map: settingPath(['categories']) }),
      },
    );

  return (
    <Card title={st('categories')} extra={<Stamp item={item} />} className="settings-card">
      <Typography.Paragraph type="secondary">{st('categoriesHint')}</Typography.Paragraph>
      <Form {...feedback.formProps} initialValues={{ categories: item.value }} onFinish={onFinish}>
        <ListField<string>
          form={form as FormInstance}
          name="categories"
          minItems={1}
          newValue=""
          rules={[{ required: true, whitespace: true, message: st('categoryRequired') }, { max: 20, message: '≤ 20' }]}
          input={(i) => <Input maxLength={20} aria-label={`${st('category')} ${i + 1}`} />}
          addLabel={st('addCategory')}
          removeLabel={(n) => st('removeCategory', { n })}
          duplicateMessage={st('categoryDup')}
          actions={
            <>
              <SaveButton saving={save.isPending} />
              <RestoreDefaultsButton onRestore={() => form.setFieldsValue({ categories: item.defaultValue })} />
            </>
          }
        />
      </Form>
    </Card>
  );
}

function TargetsCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useT(settingsMessages);
  const { message } = App.useApp();
  const item = itemOf<TargetSettings>(data, 'targets');
  const [form] = Form.useForm<TargetSettings>();
  const feedback = useFormFeedback(form, { name: 'targets' });
  const save = useSaveSetting(region);
  // A value saved before a newer target existed still fills the whole form.
  const initial = useMemo(() => readTargetSettings(item.value), [item.value]);

  const onFinish = (value: TargetSettings) =>
    save.mutate(
      { key: 'targets', value },
      {
        onSuccess: () => message.success(st('saved', { name: st('targets') })),
        onError: (err) => void feedback.showServerError(err, { map: settingPath([]) }),
      },
    );

  return (
    <Card title={st('targets')} extra={<Stamp item={item} />} className="settings-card">
      <Typography.Paragraph type="secondary">{st('targetsHint')}</Typography.Paragraph>
      <Form {...feedback.formProps} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Row gutter={16}>
          {(Object.keys(TARGET_SETTING_LABELS) as (keyof TargetSettings)[]).map((k) => (
            <Col key={k} xs={24} sm={12} lg={8}>
              <Form.Item name={k} label={st(`target.${k}`)} rules={[{ required: true, type: 'number', min: 0, message: '≥ 0' }]}>
                <InputNumber min={0} max={1000} className="full-width" inputMode="decimal" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space wrap>
          <SaveButton saving={save.isPending} />
          <RestoreDefaultsButton onRestore={() => form.setFieldsValue(item.defaultValue)} />
        </Space>
      </Form>
    </Card>
  );
}
