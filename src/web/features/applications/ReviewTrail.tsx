import { Steps, Tag, Timeline, Typography } from 'antd';
import { ROLES, type ReviewStep, type Role } from '../../../shared/enums.js';
import { Data } from '../../components/Data.js';
import { useEnumLabels, useT } from '../../i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useIsMobile } from '../../lib/hooks.js';
import { useAppLabels, applicationsMessages } from './applications.messages.js';
import type { Application } from './applications.api.js';

type ReviewEvent = Application['events'][number];

const ACTION_COLORS: Record<string, string> = { approve: 'green', return: 'orange', reject: 'red', withdraw: 'gray', submit: 'blue', resubmit: 'blue', create: 'gray' };

/** The trail of a case on the review chain: submissions and decisions with person, time, opinion and due date. */
export function Trail({ events }: { events: ReviewEvent[] }) {
  const t = useT(applicationsMessages);
  const labels = useAppLabels();
  const enumLabels = useEnumLabels();
  if (events.length === 0) return <Typography.Text type="secondary">{t('trail.empty')}</Typography.Text>;
  return (
    <Timeline
      className="app-trail"
      items={events.map((e) => ({
        key: e.id,
        color: ACTION_COLORS[e.action] ?? 'blue',
        content: (
          <div className="trail-item">
            <div className="trail-head">
              <strong>{labels.action(e.action)}</strong>
              {e.step && <Tag>{labels.step(e.step)}</Tag>}
            </div>
            <div className="trail-meta">
              <Data>{e.actorName}</Data>
              {e.actorRole && (ROLES as readonly string[]).includes(e.actorRole) && ` · ${enumLabels.role(e.actorRole as Role)}`}
              {' · '}
              <span className="mono">{formatDateTime(e.at, false)}</span>
            </div>
            {e.opinion && <div className="trail-opinion pre-wrap" data-value="">{e.opinion}</div>}
            {e.dueOn && <div className="trail-due">{t('trail.dueOn', { date: e.dueOn })}</div>}
          </div>
        ),
      }))}
    />
  );
}

/**
 * The chain with where a subject stands on it (an application, a declaration: any subject on the review chain),
 * from its case's steps, current step, status and trail.
 */
export function Progress(app: { steps: ReviewStep[]; currentStep: ReviewStep | null; status: string; events: ReviewEvent[] }) {
  const labels = useAppLabels();
  const isMobile = useIsMobile();
  if (app.steps.length === 0) return null;
  const current = app.currentStep ? app.steps.indexOf(app.currentStep) : app.status === 'approved' ? app.steps.length : -1;
  const rejectedAt = app.status === 'rejected' ? ([...app.events].reverse().find((e) => e.action === 'reject')?.step ?? null) : null;
  const statusOf = (s: ReviewStep, i: number): 'wait' | 'process' | 'finish' | 'error' => {
    if (app.status === 'approved') return 'finish';
    if (rejectedAt === s) return 'error';
    if (current < 0) return 'wait';
    if (i < current) return 'finish';
    if (i === current) return app.status === 'returned' ? 'error' : 'process';
    return 'wait';
  };
  return (
    <Steps
      size="small"
      orientation={isMobile ? 'vertical' : 'horizontal'}
      className="app-progress"
      items={app.steps.map((s, i) => ({ key: s, title: labels.step(s), status: statusOf(s, i) }))}
    />
  );
}
