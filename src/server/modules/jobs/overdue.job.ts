import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays } from '../../lib/working-days.js';
import { REVIEW_STEP_LABELS, type Role } from '../../../shared/enums.js';
import { reminderSources } from '../notifications/index.js';
import { overdueCases } from '../reviews/index.js';
import * as repo from './jobs.repository.js';
import { OVERDUE_LOOKBACK_DAYS } from './jobs.policy.js';
import { defineJob, type JobRunInput } from './jobs.registry.js';
import { sendOnce } from './send-once.js';

/**
 * The overdue job (issue 13 item 6: an overdue item at one's node): each review case past its step's due date tells
 * the reviewers of the node acting at that step (the community's staff, the street's reviewers, the district's
 * administrators), and each reminder-source item past its due date (an annual report not filed) tells the staff of
 * the organization's community — once per item and due date (reminder_log, days_before 0), however often it runs.
 */
export async function notifyOverdue(db: Kysely<DB>, { today }: JobRunInput) {
  const summary = { cases: 0, items: 0, notices: 0 };
  for await (const page of overdueCases(db, today)) {
    const byRole = new Map<Role, number[]>();
    for (const c of page) if (c.nodeId !== null) byRole.set(c.stepRole, [...(byRole.get(c.stepRole) ?? []), c.nodeId]);
    const staff = new Map<Role, Map<number, number[]>>();
    for (const [role, nodes] of byRole) staff.set(role, await repo.staffAt(db, role, nodes));
    for (const c of page) {
      summary.cases++;
      const recipients = c.nodeId === null ? [] : (staff.get(c.stepRole)?.get(c.nodeId) ?? []);
      summary.notices += await sendOnce(db, { source: 'review', subject_kind: 'review_case', subject_id: c.caseId, due_on: c.dueOn, days_before: 0, sent_on: today }, recipients, {
        kind: 'overdue',
        title: `${c.label}「${c.title}」已逾期（${REVIEW_STEP_LABELS[c.step]}）`,
        body: `本环节应于 ${c.dueOn} 前办结`,
        link: c.link,
        subject: { kind: c.kind, id: c.subjectId },
      });
    }
  }
  const yesterday = addDays(today, -1);
  for (const source of reminderSources()) {
    const items = await source.dueBetween(db, addDays(today, -OVERDUE_LOOKBACK_DAYS), yesterday);
    const places = await repo.orgPlaces(db, items.map((i) => i.orgId));
    const communities = [...places.values()].map((p) => p.communityId).filter((id): id is number => id !== null);
    const staff = await repo.staffAt(db, 'community_staff', communities);
    for (const item of items) {
      summary.items++;
      const community = places.get(item.orgId)?.communityId ?? null;
      const recipients = community === null ? [] : (staff.get(community) ?? []);
      summary.notices += await sendOnce(db, { source: source.name, subject_kind: item.subjectKind, subject_id: item.subjectId, due_on: item.dueOn, days_before: 0, sent_on: today }, recipients, {
        kind: 'overdue',
        title: `${item.title}已逾期`,
        body: `截止日期 ${item.dueOn}`,
        link: item.link,
        subject: { kind: item.subjectKind, id: item.subjectId },
      });
    }
  }
  return summary;
}

export const OVERDUE_JOB = defineJob({
  name: 'overdue',
  label: '逾期通知（审核环节逾期、年报等逾期未报）',
  // Daily 08:05 China time, after the reminders.
  schedule: '5 8 * * *',
  run: notifyOverdue,
});
