import { defineMessages } from '../../i18n.js';

// The cross-kind to-do queue's strings (every subject kind of the review chain; the kinds' labels come from the
// server). The header bell's words are the shell's (common.messages.ts).
// Chinese (the working language) first; English complete beside it, key for key (the type of en_US is that of
// zh_CN). Messages from the server (errors, validation) stay Chinese in both modes.
const zh_CN = {
  'reviews.tab.mine': '待我处理',
  'reviews.tab.all': '辖区全部',
  'reviews.filter.kind': '事项类型',
  'reviews.filter.status': '状态',
  'reviews.filter.due': '期限',
  'reviews.search': '事项名称',
  'reviews.col.kind': '事项类型',
  'reviews.col.title': '事项',
  'reviews.col.place': '所在地',
  'reviews.col.step': '当前环节',
  'reviews.col.status': '状态',
  'reviews.col.due': '环节期限',
  'reviews.col.submitted': '提交时间',
  'reviews.due.overdue': '逾期',
  'reviews.due.due_soon': '临期',
  'reviews.due.on_time': '期限内',
  'reviews.due.on': '{date} 到期',
  'reviews.due.uncertain': '该年节假日安排未公布，到期日可能变化',
  'reviews.empty.mineHint': '各类事项提交到您的环节后会出现在这里。',
  'reviews.empty.filtered': '没有符合条件的事项',
  'reviews.kindCount': '{label}（{n}）',
};

const en_US: typeof zh_CN = {
  'reviews.tab.mine': 'Waiting for me',
  'reviews.tab.all': 'All in my area',
  'reviews.filter.kind': 'Kind',
  'reviews.filter.status': 'Status',
  'reviews.filter.due': 'Deadline',
  'reviews.search': 'Title',
  'reviews.col.kind': 'Kind',
  'reviews.col.title': 'Item',
  'reviews.col.place': 'Place',
  'reviews.col.step': 'Step',
  'reviews.col.status': 'Status',
  'reviews.col.due': 'Step due',
  'reviews.col.submitted': 'Submitted',
  'reviews.due.overdue': 'Overdue',
  'reviews.due.due_soon': 'Due soon',
  'reviews.due.on_time': 'On time',
  'reviews.due.on': 'Due {date}',
  'reviews.due.uncertain': 'Holidays of that year are not yet published; the date may change',
  'reviews.empty.mineHint': 'Items of every kind reaching your step appear here.',
  'reviews.empty.filtered': 'Nothing matches',
  'reviews.kindCount': '{label} ({n})',
};

export const reviewsMessages = defineMessages({ zh_CN, en_US });
