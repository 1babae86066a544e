import { z } from '../zod.js';
import { Paging } from './common.js';

/** The inbox (issue 13 item 6): one account's notifications, its own only. */

export const NOTIFICATION_FILTERS = ['all', 'unread'] as const;
export const NOTIFICATION_ORDERS = ['unread_first', 'newest'] as const;

export const NotificationListQuery = z.strictObject({
  ...Paging,
  /** unread = only what is not read yet; all = everything (the default). */
  filter: z.enum(NOTIFICATION_FILTERS, { error: '筛选应为 all 或 unread' }).default('all'),
  /** unread_first (the default): unread ones first, each group newest first; newest: by time only. */
  order: z.enum(NOTIFICATION_ORDERS, { error: '排序应为 unread_first 或 newest' }).default('unread_first'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationIdParam = z.object({ id: z.coerce.number().int().positive('通知编号无效').max(Number.MAX_SAFE_INTEGER, '通知编号无效') });

export const Notification = z.object({
  id: z.number().int(),
  /** 'reminder', 'overdue', 'review.return', 'review.approve', 'review.advance', 'review.reject' (and more later). */
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** A page of the app ("/annual-reports/12"); null when the item has none. */
  link: z.string().nullable(),
  subject: z.object({ kind: z.string(), id: z.number().int() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListResponse = z.object({
  items: z.array(Notification),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;

export const NotificationCount = z.object({ unread: z.number().int() });
export type NotificationCount = z.infer<typeof NotificationCount>;

export const NotificationReadAllResponse = z.object({ marked: z.number().int(), unread: z.number().int() });
export type NotificationReadAllResponse = z.infer<typeof NotificationReadAllResponse>;
