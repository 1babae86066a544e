import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { reminderSources } from '../notifications/index.js';
import { reminderSettingsFor } from '../settings/index.js';
import * as repo from './jobs.repository.js';
import { daysLeftText, daysUntil, reminderThreshold, reminderWindow } from './jobs.policy.js';
import { defineJob, type JobRunInput } from './jobs.registry.js';
import { sendOnce } from './send-once.js';

/**
 * The reminder job (issue 13 item 6): for every registered reminder source (annual reports, declaration summaries,
 * …), the items due within the widest threshold of any district; each item gets, per recipient, the nearest threshold
 * of its district's `reminders.daysBefore` it has reached (jobs.policy.ts reminderThreshold), once. Recipients: the
 * organization's leader accounts and the community staff of its community (send-once.ts: logged and told together).
 */
export async function sendReminders(db: Kysely<DB>, { today }: JobRunInput) {
  const summary = { sources: 0, items: 0, reminders: 0, skipped: 0 };
  const settings = new Map<number | null, number[]>();
  const thresholdsOf = async (districtId: number | null) => {
    if (!settings.has(districtId)) settings.set(districtId, (await reminderSettingsFor(db, districtId)).daysBefore);
    return settings.get(districtId)!;
  };
  // The widest window any district asks for: the defaults' and every district's own (at most 90 days, the setting's cap).
  const widest = reminderWindow(today, [90]);
  for (const source of reminderSources()) {
    summary.sources++;
    const items = await source.dueBetween(db, widest!.from, widest!.to);
    const places = await repo.orgPlaces(db, items.map((i) => i.orgId));
    const leaders = await repo.leadersOf(db, items.map((i) => i.orgId));
    const communities = [...places.values()].map((p) => p.communityId).filter((id): id is number => id !== null);
    const staff = await repo.staffAt(db, 'community_staff', communities);
    for (const item of items) {
      const place = places.get(item.orgId);
      const daysLeft = daysUntil(today, item.dueOn);
      const threshold = reminderThreshold(daysLeft, await thresholdsOf(place?.districtId ?? null));
      if (threshold === null) continue;
      summary.items++;
      const recipients = [...(leaders.get(item.orgId) ?? []), ...(place?.communityId ? (staff.get(place.communityId) ?? []) : [])];
      const unique = [...new Set(recipients)];
      const sent = await sendOnce(db, { source: source.name, subject_kind: item.subjectKind, subject_id: item.subjectId, due_on: item.dueOn, days_before: threshold, sent_on: today }, unique, {
        kind: 'reminder',
        title: `${item.title}${daysLeftText(daysLeft)}`,
        body: `截止日期 ${item.dueOn}`,
        link: item.link,
        subject: { kind: item.subjectKind, id: item.subjectId },
      });
      summary.reminders += sent;
      // Already told (an earlier run, or another process).
      summary.skipped += unique.length - sent;
    }
  }
  return summary;
}

export const REMINDERS_JOB = defineJob({
  name: 'reminders',
  label: '到期提醒（年报、活动总结等：截止前 30、7、1 天）',
  // Daily 08:00 China time: the start of an office day.
  schedule: '0 8 * * *',
  run: sendReminders,
});
