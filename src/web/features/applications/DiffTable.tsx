import { Table, Typography } from 'antd';
import { useOrgFieldLabel } from '../orgs/orgs.messages.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { LEGAL_FORMS, type LegalForm } from '../../../shared/enums.js';
import type { Application } from './applications.api.js';
import { applicationsMessages } from './applications.messages.js';

type Entry = NonNullable<Application['diff']>[number];

/** A change, field by field: what the record holds now against what the application asks for. */
export function DiffTable({ diff }: { diff: Entry[] }) {
  const t = useT(applicationsMessages);
  const fieldLabel = useOrgFieldLabel();
  const labels = useEnumLabels();
  const show = (field: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">{t('diff.empty')}</Typography.Text>;
    if (field === 'legalForm' && (LEGAL_FORMS as readonly string[]).includes(String(v))) return labels.legalForm(v as LegalForm);
    return <span className="pre-wrap">{String(v)}</span>;
  };
  if (diff.length === 0) return <Typography.Text type="secondary">{t('diff.none')}</Typography.Text>;
  return (
    <Table<Entry>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={diff}
      className="diff-table"
      columns={[
        { title: t('diff.field'), dataIndex: 'field', width: 140, render: (f: string, e) => fieldLabel(f) || e.label },
        { title: t('diff.from'), dataIndex: 'from', render: (v: unknown, e) => <del className="diff-from">{show(e.field, v)}</del> },
        { title: t('diff.to'), dataIndex: 'to', render: (v: unknown, e) => <ins className="diff-to">{show(e.field, v)}</ins> },
      ]}
    />
  );
}
