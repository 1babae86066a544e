import { useCallback, useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Skeleton, Space, Tag, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { FILING_STEP_LABELS, type WorkdayOverrides, type WorkflowSettings } from '../../../shared/schemas/settings.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { useLang } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useUrlFilters } from '../../lib/hooks.js';
import { TARGET_SETTING_LABELS, readTargetSettings, type TargetSettings } from '../../../shared/schemas/targets.js';
import { settingsQuery, useSaveSetting, type SettingKey, type SettingsResponse } from './settings.api.js';
import './settings.css';

const messages = {
  title: ['本区设置', 'District settings'],
  district: ['区县', 'District'],
  districtPick: ['选择要设置的区县', 'Choose the district to configure'],
  districtHint: ['设置按区县保存，适用于该区县内的全部街道和社区。', 'Settings are kept per district and apply to all streets and communities in it.'],
  workflow: ['备案登记流程与时限', 'Workflow and deadlines'],
  steps: ['备案审核环节', 'Filing review steps'],
  stepsHint: ['组织落在街道（乡镇）一级的，不经社区预审。直接登记一律由区民政局一个窗口办理。', 'Organizations placed at a street skip the community. Direct registration always goes to the district.'],
  deadlines: ['各环节办理时限（工作日，按国家法定节假日和调休计算）', 'Time limits per step (working days, with statutory holidays)'],
  community: ['社区预审', 'Community pre-review'],
  street: ['街道审查', 'Street review'],
  districtStep: ['区级备案', 'District record'],
  registration: ['直接登记', 'Direct registration'],
  workdays: ['个工作日', 'working days'],
  dueSoon: ['临期提醒：到期前', 'Due-soon warning: within'],
  days: ['天', 'days'],
  thresholds: ['会员人数要求（低于时提示审核人员判断）', 'Member thresholds (below them the reviewer is warned)'],
  individual: ['个人会员不少于', 'Individual members at least'],
  unit: ['或单位会员不少于', 'or unit members at least'],
  people: ['人', ''],
  units: ['个', ''],
  save: ['保存', 'Save'],
  saved: ['已保存：{name}', 'Saved: {name}'],
  reset: ['恢复默认值', 'Restore defaults'],
  resetConfirm: ['将表单恢复为系统默认值？保存后生效。', 'Put the defaults in the form? They apply once saved.'],
  isDefault: ['使用系统默认值', 'Using the defaults'],
  updated: ['最后修改：{who}，{at}', 'Last changed by {who} at {at}'],
  holidays: ['节假日安排补充', 'Holiday schedules'],
  holidaysHint: [
    '系统内置的节假日数据（chinese-days 组件）收录至 {year} 年。国务院办公厅公布下一年度放假安排后，如组件尚未更新，请在此补充：“放假日期”填工作日中放假的日子，“调休上班”填需要上班的周末。',
    'The built-in holiday data covers years up to {year}. When the State Council publishes a new year before the package is updated, add it here: days off that fall on weekdays, and weekend days worked (调休).',
  ],
  uncovered: ['以下年份的节假日安排尚未收录：{years}。到期日跨入这些年份的申请，期限可能计算不准。', 'Holidays are not known for: {years}. Deadlines reaching these years may be wrong.'],
  uncoveredAction: ['补充 {year} 年', 'Add {year}'],
  year: ['年份', 'Year'],
  offDays: ['放假日期（工作日中放假的日子）', 'Days off (on weekdays)'],
  workDays: ['调休上班（需要上班的周末）', 'Weekend days worked'],
  addYear: ['添加年份', 'Add a year'],
  removeYear: ['删除该年', 'Remove the year'],
  removeYearConfirm: ['删除 {year} 年的补充安排？保存后生效。', 'Remove {year}? It applies once saved.'],
  noYears: ['尚未补充任何年份', 'No years added'],
  yearRule: ['请填写 4 位年份', 'Enter a 4-digit year'],
  yearDup: ['年份重复', 'The year is listed twice'],
  notInYear: ['日期不在 {year} 年内', 'A date is outside {year}'],
  notWeekend: ['调休上班的日子应为周六或周日', 'Days worked should be Saturdays or Sundays'],
  notWeekday: ['放假日期无须填写周末', 'Weekends need not be listed as days off'],
  categories: ['社会组织类别清单', 'Organization categories'],
  categoriesHint: ['登记、备案和名录中可选的类别；已使用的类别删除后，原有组织保留原类别。', 'The categories offered in forms; organizations keep a removed category.'],
  category: ['类别名称', 'Category'],
  addCategory: ['添加类别', 'Add a category'],
  removeCategory: ['删除第 {n} 个类别', 'Remove category {n}'],
  categoryRequired: ['类别名称不能为空', 'Enter a name'],
  categoryDup: ['类别名称不能重复', 'Names must differ'],
  fixErrors: ['请按提示修改后再保存', 'Correct the marked fields, then save'],
  targets: ['发展目标（统计看板的目标值）', 'Development targets (for the dashboard)'],
  targetsHint: ['统计看板将各项实际数与这些目标比较，标出“达标”“接近”“差距较大”。', 'The dashboard compares each figure with these targets.'],
} as const satisfies Record<string, readonly [string, string]>;
type Key = keyof typeof messages;

function useST() {
  const { lang } = useLang();
  return useCallback(
    (key: Key, vars?: Record<string, string | number>) => {
      const text: string = messages[key][lang === 'zh' ? 0 : 1];
      return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
    },
    [lang],
  );
}

/** Server messages for `value.a.b` onto form fields `[...prefix, a, b]`; the rest as one message. */
function applyServerErrors<T>(form: FormInstance<T>, err: unknown, prefix: (string | number)[], message: (m: string) => void) {
  if (!(err instanceof ApiError) || !err.fields) {
    message(errorMessage(err));
    return;
  }
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const [k, v] of Object.entries(err.fields)) {
    const path = [...prefix, ...k.replace(/^value\.?/, '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
    if (known.has(JSON.stringify(path))) set.push({ name: path, errors: [v] });
    else rest.push(v);
  }
  form.setFields(set as Parameters<typeof form.setFields>[0]);
  if (rest.length > 0) message(rest.join('；'));
}

/** `/settings`: a district's workflow, deadlines and thresholds, holiday schedules and categories (district admins). */
export default function SettingsPage() {
  const st = useST();
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
            {q.data && <Tag color="blue">{q.data.region.name}</Tag>}
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

function itemOf<T>(data: SettingsResponse, key: SettingKey) {
  const item = data.items.find((i) => i.key === key)!;
  return { ...item, value: item.value as T, defaultValue: item.defaultValue as T };
}

function Stamp({ item }: { item: { isDefault: boolean; updatedAt: string | null; updatedBy: string | null } }) {
  const st = useST();
  return (
    <Typography.Text type="secondary" className="settings-stamp">
      {item.isDefault || !item.updatedAt ? st('isDefault') : st('updated', { who: item.updatedBy ?? '', at: formatDateTime(item.updatedAt, false) })}
    </Typography.Text>
  );
}

function SaveButton({ saving }: { saving: boolean }) {
  const st = useST();
  return (
    <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
      {st('save')}
    </Button>
  );
}

/** Puts the defaults in the form after a confirm; like any edit, they apply once saved. */
function RestoreDefaultsButton({ onRestore }: { onRestore: () => void }) {
  const st = useST();
  const { modal } = App.useApp();
  return (
    <Button icon={<UndoOutlined />} onClick={() => modal.confirm({ title: st('resetConfirm'), onOk: onRestore })}>
      {st('reset')}
    </Button>
  );
}

function Settings({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  return (
    <>
      <WorkflowCard data={data} region={region} />
      <WorkdaysCard data={data} region={region} />
      <CategoriesCard data={data} region={region} />
      {data.items.some((i) => i.key === 'targets') && <TargetsCard data={data} region={region} />}
    </>
  );
}

function WorkflowCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useST();
  const { message } = App.useApp();
  const item = itemOf<WorkflowSettings>(data, 'workflow');
  const [form] = Form.useForm<WorkflowSettings>();
  const save = useSaveSetting(region);

  const onFinish = (value: WorkflowSettings) =>
    save.mutate(
      { key: 'workflow', value },
      {
        onSuccess: () => message.success(st('saved', { name: st('workflow') })),
        onError: (err) => applyServerErrors(form, err, [], (m) => message.error(m)),
      },
    );

  const days = (name: (string | number)[], label: string, max = 90, unit = st('workdays'), min = 1) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'integer', min, max, message: `${min}–${max}` }]}>
      <InputNumber min={min} max={max} precision={0} suffix={unit} className="full-width" inputMode="numeric" />
    </Form.Item>
  );

  return (
    <Card title={st('workflow')} extra={<Stamp item={item} />} className="settings-card">
      <Form form={form} layout="vertical" name="workflow" initialValues={item.value} onFinish={onFinish} onFinishFailed={() => message.error(st('fixErrors'))}>
        <Form.Item name="filingSteps" label={st('steps')} extra={st('stepsHint')}>
          <Radio.Group className="settings-radios">
            {Object.entries(FILING_STEP_LABELS).map(([k, label]) => (
              <Radio key={k} value={k}>
                {label}
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
  const st = useST();
  const { message } = App.useApp();
  const item = itemOf<WorkdayOverrides>(data, 'workdays.overrides');
  const [form] = Form.useForm<{ years: YearValues[] }>();
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
        onError: (err) => applyServerErrors(form, err, [], (m) => message.error(m)),
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
      <Form form={form} layout="vertical" name="workdays" initialValues={initial} onFinish={onFinish} onFinishFailed={() => message.error(st('fixErrors'))}>
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
  const st = useST();
  const { message } = App.useApp();
  const item = itemOf<string[]>(data, 'org.categories');
  const [form] = Form.useForm<{ categories: string[] }>();
  const save = useSaveSetting(region);

  const onFinish = (v: { categories: string[] }) =>
    save.mutate(
      { key: 'org.categories', value: (v.categories ?? []).map((c) => c.trim()) },
      {
        onSuccess: () => message.success(st('saved', { name: st('categories') })),
        onError: (err) => applyServerErrors(form, err, ['categories'], (m) => message.error(m)),
      },
    );

  return (
    <Card title={st('categories')} extra={<Stamp item={item} />} className="settings-card">
      <Typography.Paragraph type="secondary">{st('categoriesHint')}</Typography.Paragraph>
      <Form form={form} name="categories" initialValues={{ categories: item.value }} onFinish={onFinish} onFinishFailed={() => message.error(st('fixErrors'))}>
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <>
              <div className="settings-categories">
                {fields.map((field, i) => (
                  <Space.Compact key={field.key} className="settings-category">
                    <Form.Item
                      name={field.name}
                      noStyle
                      rules={[
                        { required: true, whitespace: true, message: st('categoryRequired') },
                        { max: 20, message: '≤ 20' },
                        {
                          validator: async (_r, v: string | undefined) => {
                            const all = ((form.getFieldValue('categories') as string[]) ?? []).map((c) => c?.trim());
                            if (v && all.filter((c) => c === v.trim()).length > 1) throw new Error(st('categoryDup'));
                          },
                        },
                      ]}
                    >
                      <Input maxLength={20} aria-label={`${st('category')} ${i + 1}`} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= 1} aria-label={st('removeCategory', { n: i + 1 })} />
                  </Space.Compact>
                ))}
              </div>
              <Form.Item noStyle shouldUpdate>
                {() => <Form.ErrorList errors={[...new Set(form.getFieldsError().filter((f) => f.name[0] === 'categories').flatMap((f) => f.errors))]} />}
              </Form.Item>
              <Space wrap className="settings-actions">
                <Button icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 50}>
                  {st('addCategory')}
                </Button>
                <SaveButton saving={save.isPending} />
                <RestoreDefaultsButton onRestore={() => form.setFieldsValue({ categories: item.defaultValue })} />
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function TargetsCard({ data, region }: { data: SettingsResponse; region: string | undefined }) {
  const st = useST();
  const { message } = App.useApp();
  const item = itemOf<TargetSettings>(data, 'targets');
  const [form] = Form.useForm<TargetSettings>();
  const save = useSaveSetting(region);
  // A value saved before a newer target existed still fills the whole form.
  const initial = useMemo(() => readTargetSettings(item.value), [item.value]);

  const onFinish = (value: TargetSettings) =>
    save.mutate(
      { key: 'targets', value },
      {
        onSuccess: () => message.success(st('saved', { name: st('targets') })),
        onError: (err) => applyServerErrors(form, err, [], (m) => message.error(m)),
      },
    );

  return (
    <Card title={st('targets')} extra={<Stamp item={item} />} className="settings-card">
      <Typography.Paragraph type="secondary">{st('targetsHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="targets" initialValues={initial} onFinish={onFinish} onFinishFailed={() => message.error(st('fixErrors'))}>
        <Row gutter={16}>
          {(Object.keys(TARGET_SETTING_LABELS) as (keyof TargetSettings)[]).map((k) => (
            <Col key={k} xs={24} sm={12} lg={8}>
              <Form.Item name={k} label={TARGET_SETTING_LABELS[k]} rules={[{ required: true, type: 'number', min: 0, message: '≥ 0' }]}>
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
