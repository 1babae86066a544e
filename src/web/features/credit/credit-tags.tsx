import { Tag } from 'antd';
import type { CreditList } from '../../../shared/schemas/credit-public.js';
import { ServerText } from '../../components/Data.js';
import { useT } from '../../i18n.js';
import type { CreditListItem, CreditStatus } from './credit.api.js';
import { creditMessages } from './credit.messages.js';

const STATUS_COLORS: Record<CreditStatus, string | undefined> = { noticed: 'warning', listed: 'error', removed: 'success', moved: 'purple', withdrawn: undefined };

export function CreditStatusTag({ status }: { status: CreditStatus }) {
  const t = useT(creditMessages);
  return (
    <Tag color={STATUS_COLORS[status]} className="credit-status" data-status={status}>
      {t(`credit.status.${status}`)}
    </Tag>
  );
}

export function ListTag({ list }: { list: CreditList }) {
  const t = useT(creditMessages);
  return <Tag color={list === 'dishonest' ? 'red' : 'orange'} variant="outlined">{t(`credit.tab.${list}`)}</Tag>;
}

/** The ground as the rule names it (rule titles are the regulation's Chinese words in either language). */
export function GroundText({ entry }: { entry: Pick<CreditListItem, 'groundLabel'> }) {
  return <ServerText>{entry.groundLabel}</ServerText>;
}

/**
 * What an entry's clock says, one line each: the objection window while noticed, when it moves to the serious list
 * and from when removal may be applied for while listed, every restart with its day and ground, and the end.
 */
export function Timers({ entry }: { entry: Pick<CreditListItem, 'status' | 'timers' | 'removedOn' | 'movedOn'> }) {
  const t = useT(creditMessages);
  const { timers } = entry;
  const lines: { key: string; text: string; tone?: 'warn' }[] = [];
  if (entry.status === 'noticed') lines.push({ key: 'objection', text: t('credit.timer.objection', { date: timers.objectionDueOn }), tone: 'warn' });
  if (entry.status === 'listed' || entry.status === 'noticed') {
    if (timers.movesToSerialOn) lines.push({ key: 'moves', text: t('credit.timer.moves', { date: timers.movesToSerialOn }), tone: 'warn' });
    if (timers.removableFrom) lines.push({ key: 'removable', text: t('credit.timer.removable', { date: timers.removableFrom }) });
  }
  if (entry.removedOn) lines.push({ key: 'removed', text: t('credit.timer.removedOn', { date: entry.removedOn }) });
  if (entry.movedOn) lines.push({ key: 'moved', text: t('credit.timer.movedOn', { date: entry.movedOn }) });
  return (
    <div className="credit-timers">
      {lines.map((l) => (
        <div key={l.key} className={l.tone === 'warn' ? 'credit-timer credit-timer-warn' : 'credit-timer'} data-timer={l.key}>
          {l.text}
        </div>
      ))}
      {timers.restarts.map((r, i) => (
        <div key={`restart-${i}`} className="credit-timer credit-timer-restart" data-timer="restart">
          {t('credit.timer.restart', { date: r.on })}
          <ServerText>{r.groundLabel}</ServerText>
        </div>
      ))}
      {lines.length === 0 && timers.restarts.length === 0 && '—'}
    </div>
  );
}
