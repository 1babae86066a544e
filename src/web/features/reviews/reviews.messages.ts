import { useCallback } from 'react';
import { interpolate, useLang } from '../../i18n.js';

// The to-do queue's and the header bell's strings (every subject kind of the review chain), kept together in the
// feature: Chinese first, English second; server messages stay Chinese. Kind labels come from the server.
const messages = {
  'title': ['待办事项', 'To-do'],
  'tab.mine': ['待我处理', 'Waiting for me'],
  'tab.all': ['辖区全部', 'All in my area'],
  'filter.kind': ['事项类型', 'Kind'],
  'filter.status': ['状态', 'Status'],
  'filter.due': ['期限', 'Deadline'],
  'filter.clear': ['清除筛选', 'Clear filters'],
  'search': ['事项名称', 'Title'],
  'col.kind': ['事项类型', 'Kind'],
  'col.title': ['事项', 'Item'],
  'col.place': ['所在地', 'Place'],
  'col.step': ['当前环节', 'Step'],
  'col.status': ['状态', 'Status'],
  'col.due': ['环节期限', 'Step due'],
  'col.submitted': ['提交时间', 'Submitted'],
  'status.in_review': ['审核中', 'In review'],
  'status.returned': ['退回补正', 'Returned for correction'],
  'status.approved': ['已通过', 'Approved'],
  'status.rejected': ['不予通过', 'Rejected'],
  'status.withdrawn': ['已撤回', 'Withdrawn'],
  'due.overdue': ['逾期', 'Overdue'],
  'due.due_soon': ['临期', 'Due soon'],
  'due.on_time': ['期限内', 'On time'],
  'due.on': ['{date} 到期', 'Due {date}'],
  'due.uncertain': ['该年节假日安排未公布，到期日可能变化', 'Holidays of that year are not yet published; the date may change'],
  'empty.mine': ['暂无待办', 'Nothing to do'],
  'empty.mineHint': ['各类事项提交到您的环节后会出现在这里。', 'Items of every kind reaching your step appear here.'],
  'empty.filtered': ['没有符合条件的事项', 'Nothing matches'],
  'byKind': ['{label}：{n} 件', '{label}: {n}'],
  'drafts': ['含本人未提交的草稿', 'including your unsubmitted drafts'],
  'bell.label': ['待办', 'To do'],
  'bell.none': ['暂无待办', 'Nothing to do'],
  'bell.title': ['待办 {n} 件，其中临期 {soon} 件、逾期 {late} 件', '{n} to do: {soon} due soon, {late} overdue'],
} as const satisfies Record<string, readonly [string, string]>;

export type ReviewMsgKey = keyof typeof messages;
type Vars = Record<string, string | number>;

export function useRT(): (key: ReviewMsgKey, vars?: Vars) => string {
  const { lang } = useLang();
  return useCallback(
    (key: ReviewMsgKey, vars?: Vars) => interpolate(messages[key][lang === 'zh' ? 0 : 1], vars),
    [lang],
  );
}
