import { defineMessages } from '../../i18n.js';

// The inbox's strings (and its header bell's).
// Chinese (the working language) first; English complete beside it, key for key. A notification's own title and
// body come from the server in Chinese and are shown as server text.
const zh_CN = {
  'inbox.title': '我的通知',
  'inbox.bell': '通知',
  'inbox.bellNone': '没有未读通知',
  'inbox.bellCount': '{n} 条未读通知',
  'inbox.intro': '提醒（年报、活动总结到期前 30、7、1 天）、审核退回与结果、本节点的逾期事项。',
  'inbox.filterAll': '全部',
  'inbox.filterUnread': '未读',
  'inbox.filterLabel': '显示',
  'inbox.unreadCount': '未读 {n} 条',
  'inbox.markRead': '标为已读',
  'inbox.markAllRead': '全部标为已读',
  'inbox.markedAll': '已将 {n} 条通知标为已读',
  'inbox.open': '查看',
  'inbox.read': '已读',
  'inbox.unread': '未读',
  'inbox.emptyAll': '暂无通知',
  'inbox.emptyUnread': '没有未读通知',
  'inbox.kind.reminder': '到期提醒',
  'inbox.kind.overdue': '逾期',
  'inbox.kind.review.return': '退回补正',
  'inbox.kind.review.reject': '不予通过',
  'inbox.kind.review.approve': '审核通过',
  'inbox.kind.review.advance': '转下一环节',
  'inbox.kind.other': '通知',
  'inbox.total': '共 {n} 条',
};

const en_US: typeof zh_CN = {
  'inbox.title': 'My notifications',
  'inbox.bell': 'Inbox',
  'inbox.bellNone': 'No unread notifications',
  'inbox.bellCount': '{n} unread notifications',
  'inbox.intro': 'Reminders (30, 7 and 1 days before an annual report or an activity summary is due), returns and decisions on what you submitted, and overdue items at your node.',
  'inbox.filterAll': 'All',
  'inbox.filterUnread': 'Unread',
  'inbox.filterLabel': 'Show',
  'inbox.unreadCount': '{n} unread',
  'inbox.markRead': 'Mark as read',
  'inbox.markAllRead': 'Mark all as read',
  'inbox.markedAll': '{n} notifications marked as read',
  'inbox.open': 'Open',
  'inbox.read': 'Read',
  'inbox.unread': 'Unread',
  'inbox.emptyAll': 'No notifications yet',
  'inbox.emptyUnread': 'No unread notifications',
  'inbox.kind.reminder': 'Reminder',
  'inbox.kind.overdue': 'Overdue',
  'inbox.kind.review.return': 'Returned',
  'inbox.kind.review.reject': 'Rejected',
  'inbox.kind.review.approve': 'Approved',
  'inbox.kind.review.advance': 'Next step',
  'inbox.kind.other': 'Notice',
  'inbox.total': '{n} in all',
};

export const notificationMessages = defineMessages({ zh_CN, en_US });
export type NotificationMsgKey = keyof typeof zh_CN;
