import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { CHANGE_KINDS, DEREGISTRATION_KINDS, ESTABLISHMENT_KINDS, type ApplicationKind, type ApplicationStatus } from '../../../shared/enums.js';
import { formatDate } from '../../lib/format.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import type { ApplicationListItem } from './applications.api.js';
import { useT } from '../../i18n.js';

export const isEstablishment = (k: ApplicationKind) => ESTABLISHMENT_KINDS.includes(k);
export const isChange = (k: ApplicationKind) => CHANGE_KINDS.includes(k);
export const isDeregistration = (k: ApplicationKind) => DEREGISTRATION_KINDS.includes(k);

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function AppStatusTag({ status }: { status: ApplicationStatus }) {
  const labels = useAppLabels();
  return <Tag color={STATUS_COLORS[status]}>{labels.status(status)}</Tag>;
}

export function KindTag({ kind }: { kind: ApplicationKind }) {
  const labels = useAppLabels();
  const color = isEstablishment(kind) ? 'blue' : isChange(kind) ? 'geekblue' : 'volcano';
  return (
    <Tag color={color} variant="outlined">
      {labels.kind(kind)}
    </Tag>
  );
}

/** Today in Beijing, `YYYY-MM-DD`. */
export const todayText = () => formatDate(new Date().toISOString());

/** Calendar days from today to a `YYYY-MM-DD` date (negative when past). */
export function daysUntil(date: string): number {
  const a = Date.parse(`${todayText()}T00:00:00Z`);
  const b = Date.parse(`${date}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/**
 * How a step's deadline stands. Colour is never the only signal (colour-blind readers): each state has its own
 * icon and words, and the date is always written out.
 */
export function DueTag({ item, withDate = true }: { item: Pick<ApplicationListItem, 'dueState' | 'stepDueOn' | 'dueUncertain'>; withDate?: boolean }) {
  const t = useT(applicationsMessages);
  if (!item.dueState || !item.stepDueOn) return null;
  const days = daysUntil(item.stepDueOn);
  const date = withDate ? ` · ${t('due.on', { date: item.stepDueOn })}` : '';
  let tag;
  if (item.dueState === 'overdue') {
    tag = (
      <Tag color="error" icon={<ExclamationCircleOutlined />} className="due-tag due-overdue">
        {t('due.overdueDays', { n: Math.max(1, -days) })}
        {date}
      </Tag>
    );
  } else if (item.dueState === 'due_soon') {
    tag = (
      <Tag color="warning" icon={<ClockCircleOutlined />} className="due-tag due-soon">
        {t('due.dueSoon')} · {days <= 0 ? t('due.today') : t('due.left', { n: days })}
        {date}
      </Tag>
    );
  } else {
    tag = (
      <Tag icon={<CheckCircleOutlined />} className="due-tag due-ok">
        {t('due.onTime')}
        {date}
      </Tag>
    );
  }
  if (!item.dueUncertain) return tag;
  return (
    <Tooltip title={t('due.uncertain')}>
      <span>
        {tag}
        <QuestionCircleOutlined aria-label={t('due.uncertain')} />
      </span>
    </Tooltip>
  );
}
