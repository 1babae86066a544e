import type { Db } from '../../db/types.js';

/**
 * Something with a due date that people should be reminded of (issue 13 item 6): an annual report, a declaration's
 * post-event summary; credit and risk deadlines next. A module registers its source once from its `index.ts`; the
 * reminder job asks every source for the items due within the reminder window and sends each reminder (30, 7, 1
 * days before, the district's `reminders` setting) to the organization's leader and its community staff, once.
 */
export interface DueItem {
  /** What is due: the subject's kind and id (the log keys reminders on these, so one is never sent twice). */
  subjectKind: string;
  subjectId: number;
  /** The organization it belongs to: its leader and its community staff are reminded. */
  orgId: number;
  dueOn: string;
  /** What the reminder says ("2026 年度报告", "重阳节活动总结") and where it leads ("/annual-reports/12"). */
  title: string;
  link: string;
}

export interface ReminderSource {
  /** A lower-case name ('annual_report', 'declaration_summary'). */
  name: string;
  label: string;
  /** Items not yet done whose due date lies in [from, to] (dates, China time). */
  dueBetween(db: Db, from: string, to: string): Promise<DueItem[]>;
}

const sources = new Map<string, ReminderSource>();

export function registerReminderSource(source: ReminderSource): () => void {
  if (sources.has(source.name)) throw new Error(`reminder source ${source.name} registered twice`);
  sources.set(source.name, source);
  return () => sources.delete(source.name);
}

export const reminderSources = (): ReminderSource[] => [...sources.values()];
