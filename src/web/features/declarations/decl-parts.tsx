import { Tag, Typography } from 'antd';
import { useT } from '../../i18n.js';
import { declarationsMessages } from './declarations.messages.js';
import type { DeclarationListItem, DeclarationStatus } from './declarations.api.js';

export const DECLARATION_STATUSES: DeclarationStatus[] = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'];
const STATUS_COLORS: Record<DeclarationStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', approved: 'success', rejected: 'error', withdrawn: 'default' };

export function DeclStatusTag({ status }: { status: DeclarationStatus }) {
  const t = useT(declarationsMessages);
  return <Tag color={STATUS_COLORS[status]}>{t(`decl.status.${status}`)}</Tag>;
}

/** The activity's days: one date, or "from to". */
export function DeclDates({ item }: { item: Pick<DeclarationListItem, 'plannedStartOn' | 'plannedEndOn'> }) {
  const t = useT(declarationsMessages);
  return (
    <span className="mono">
      {item.plannedStartOn === item.plannedEndOn ? t('decl.oneDay', { start: item.plannedStartOn }) : t('decl.dates', { start: item.plannedStartOn, end: item.plannedEndOn })}
    </span>
  );
}

/** Where the post-event summary stands: filed, overdue, due by a date, or not applicable (—). */
export function SummaryState({ item }: { item: DeclarationListItem }) {
  const t = useT(declarationsMessages);
  if (item.summaryFiled) return <Tag color="success">{t('decl.summary.filed')}</Tag>;
  if (!item.summaryDueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  if (item.summaryOverdue) return <Tag color="error" className="summary-overdue">{t('decl.summary.overdue', { date: item.summaryDueOn })}</Tag>;
  return <Typography.Text type="secondary">{t('decl.summary.due', { date: item.summaryDueOn })}</Typography.Text>;
}
