import { ListTable } from '../../components/ListTable.js';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { intParam, useIsMobile, useUrlFilters } from '../../lib/hooks.js';
import { AUDIT_FILTER_KEYS, auditExportUrl, auditQuery, type AuditEntry, type AuditFilter } from './audit.api.js';
import { auditMessages, type AuditMsgKey, useAuditActionLabel } from './audit.messages.js';
import { AUDIT_ACTION_LABELS } from '../../../shared/schemas/audit.js';

type Filter = AuditFilter;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const ENTITY_TYPES: Record<string, AuditMsgKey> = {
  user: 'audit.entityUser',
  region: 'audit.entityRegion',
  audit_log: 'audit.entityAuditLog',
  org: 'audit.entityOrg',
  import_job: 'audit.entityImportJob',
};

// Failed sign-ins and account restrictions stand out in a long log.
function actionColor(action: string): string | undefined {
  if (action === 'auth.login_failed') return 'red';
  if (action === 'user.disable' || action === 'user.password_reset') return 'orange';
  if (action.startsWith('auth.')) return undefined;
  if (action === 'audit.export') return 'purple';
  return 'blue';
}

function readFilter(params: URLSearchParams): Filter {
  const f: Filter = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  if (f.from && !DATE.test(f.from)) delete f.from;
  if (f.to && !DATE.test(f.to)) delete f.to;
  return f;
}

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  region?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** For an update, the submitted fields whose value differs from the record before: what actually changed. */
function changedFields(oldValue: unknown, newValue: unknown): { key: string; before: string; after: string }[] {
  if (!isRecord(oldValue) || !isRecord(newValue)) return [];
  return Object.keys(newValue)
    .filter((k) => JSON.stringify(oldValue[k]) !== JSON.stringify(newValue[k]))
    .map((k) => ({ key: k, before: show(oldValue[k]), after: show(newValue[k]) }));
}

function JsonBlock({ value, empty }: { value: unknown; empty: string }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const t = useT(auditMessages);
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const filter = readFilter(params);
  const page = intParam(params, 'page', 1);
  const pageSize = intParam(params, 'pageSize', 20, 200);
  const [form] = Form.useForm<FormValues>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.keys(filter).length;

  const list = useQuery(auditQuery(filter, page, pageSize));

  // The form shows what the address bar says (also after back/forward).
  const filterKey = JSON.stringify(filter);
  // filterKey stands for filter, which is a new object on every render: the effect reads the filter back from it.
  useEffect(() => {
    const shown = JSON.parse(filterKey) as Filter;
    form.resetFields();
    form.setFieldsValue({
      ...shown,
      dates: shown.from || shown.to ? [shown.from ? dayjs(shown.from) : null, shown.to ? dayjs(shown.to) : null] : null,
    });
  }, [filterKey, form]);

  const apply = (v: FormValues) => {
    const [from, to] = v.dates ?? [];
    update({
      actor: v.actor?.trim(),
      action: v.action,
      entityType: v.entityType?.trim(),
      entityId: v.entityId?.trim(),
      region: v.region?.trim(),
      from: from ? from.format('YYYY-MM-DD') : null,
      to: to ? to.format('YYYY-MM-DD') : null,
    });
  };

  const resetAll = () => {
    form.resetFields();
    update(Object.fromEntries([...AUDIT_FILTER_KEYS, 'pageSize'].map((k) => [k, null])));
  };

  const actionLabel = useAuditActionLabel();
  const entityLabel = (e: string) => (ENTITY_TYPES[e] ? t(ENTITY_TYPES[e]) : e);

  const entityText = (e: AuditEntry) =>
    e.entityType ? (
      <span>
        {entityLabel(e.entityType)}
        {e.entityId !== null && <span className="mono"> #{e.entityId}</span>}
      </span>
    ) : (
      '—'
    );

  const desktopColumns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => <span className="mono">{formatDateTime(v)}</span> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actor',
      render: (v: string | null, e) =>
        v ? (
          <Tooltip title={e.actorId !== null ? `ID ${e.actorId}` : undefined}>
            <span className="mono" data-value="">{v}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <Tooltip title={a}>
          <Tag color={actionColor(a)}>{actionLabel(a)}</Tag>
        </Tooltip>
      ),
    },
    { title: t('audit.entity'), key: 'entity', render: (_: unknown, e) => entityText(e) },
    { title: t('audit.region'), dataIndex: 'regionCode', key: 'region', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  // On a phone one column carries the essentials; the rest is in the expanded row.
  const phoneColumns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      key: 'summary',
      render: (_: unknown, e) => (
        <div className="audit-summary">
          <div>
            <span className="mono">{formatDateTime(e.at)}</span>
          </div>
          <div>
            <Tag color={actionColor(e.action)}>{actionLabel(e.action)}</Tag>
            <span className="mono" data-value="">{e.actorName ?? '—'}</span>
          </div>
          <Typography.Text type="secondary">
            {entityText(e)}
            {e.regionCode && <span className="mono"> · {e.regionCode}</span>}
          </Typography.Text>
        </div>
      ),
    },
  ];

  const exportHref = auditExportUrl(filter);

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Tooltip title={t('audit.exportHint')}>
          <Button icon={<DownloadOutlined />} href={exportHref} className="no-print">
            {t('audit.export')}
          </Button>
        </Tooltip>
      }
    >
      {isMobile && (
        <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(!filtersOpen)} className="audit-filter-toggle no-print">
          {activeFilters > 0 ? t('audit.filtersActive', { n: activeFilters }) : t('audit.filters')}
        </Button>
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          apply(v);
          setFiltersOpen(false);
        }}
        className={`audit-filters no-print${isMobile && !filtersOpen ? ' is-hidden' : ''}`}
      >
        <div className="audit-filter-grid">
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input placeholder={t('audit.actorPlaceholder')} allowClear maxLength={40} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={Object.keys(AUDIT_ACTION_LABELS).map((value) => ({ value, label: actionLabel(value) }))}
            />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <AutoComplete
              allowClear
              placeholder={t('common.all')}
              options={Object.keys(ENTITY_TYPES).map((value) => ({ value, label: `${entityLabel(value)}（${value}）` }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear maxLength={60} />
          </Form.Item>
          <Form.Item
            name="region"
            label={t('audit.region')}
            rules={[{ pattern: /^[0-9]{2,15}$/, message: t('audit.regionRule') }]}
          >
            <Input placeholder={t('audit.regionPlaceholder')} allowClear inputMode="numeric" maxLength={15} />
          </Form.Item>
          <Form.Item name="dates" label={t('audit.dateRange')}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              className="full-width"
              disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              inputReadOnly={isMobile}
            />
          </Form.Item>
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
          <Button onClick={resetAll} icon={<ReloadOutlined />}>
            {t('common.reset')}
          </Button>
          <Typography.Text type="secondary">{t('audit.readonly')}</Typography.Text>
        </Space>
      </Form>
      <ListTable<AuditEntry>
        list={list}
        page={page}
        pageSize={pageSize}
        pageSizeOptions={[20, 50, 100, 200]}
        columns={isMobile ? phoneColumns : desktopColumns}
        locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        expandable={{
          expandedRowRender: (e) => (
            <div className="audit-detail">
              {changedFields(e.oldValue, e.newValue).length > 0 && (
                <div className="audit-changes">
                  <Typography.Text strong>{t('audit.changes')}</Typography.Text>
                  {changedFields(e.oldValue, e.newValue).map((c) => (
                    <div key={c.key} className="mono">
                      {c.key}: <del>{c.before}</del> → <ins>{c.after}</ins>
                    </div>
                  ))}
                </div>
              )}
              <div className="audit-values">
                <div>
                  <Typography.Text strong>{t('audit.oldValue')}</Typography.Text>
                  <JsonBlock value={e.oldValue} empty={t('audit.noValue')} />
                </div>
                <div>
                  <Typography.Text strong>{t('audit.newValue')}</Typography.Text>
                  <JsonBlock value={e.newValue} empty={t('audit.noValue')} />
                </div>
              </div>
              <Typography.Text type="secondary" className="audit-meta">
                {t('audit.requestId')}：<span className="mono">{e.requestId ?? '—'}</span>
                {'　'}
                {t('audit.action')}：<span className="mono">{e.action}</span>
                {'　'}
                {t('audit.ip')}：<span className="mono">{e.ip ?? '—'}</span>
              </Typography.Text>
            </div>
          ),
        }}
        onChange={(p) =>
          update({ page: p.current === 1 ? null : p.current, pageSize: p.pageSize === 20 ? null : p.pageSize })
        }
      />
    </Card>
  );
}
