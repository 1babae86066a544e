import { z } from '../zod.js';
import { FenAmount } from './money.js';

/**
 * One ledger activity as entered (台账, seed 004: date, title, type, place, participants, volunteers and hours,
 * photos; issue 13 item 1). The type is checked against the district's `ledger.activityTypes` by the service (the
 * list is a setting); times are ISO date-times with an offset, China time in forms.
 */
const count = (label: string, max = 1_000_000) =>
  z.number({ error: `${label}须为整数` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}过大`);

const DateTimeText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, `${label}格式应为 YYYY-MM-DDTHH:mm+08:00`)
    .refine((s) => !Number.isNaN(Date.parse(s)), `没有这个${label}，请检查`);

export const ActivityFields = z.strictObject({
  startsAt: DateTimeText('开始时间'),
  endsAt: DateTimeText('结束时间'),
  title: z.string({ error: '请填写活动名称' }).trim().min(1, '请填写活动名称').max(100, '活动名称不超过 100 个字'),
  activityType: z.string({ error: '请选择活动类型' }).trim().min(1, '请选择活动类型').max(30, '活动类型不超过 30 个字'),
  place: z.string({ error: '请填写活动地点' }).trim().min(1, '请填写活动地点').max(100, '活动地点不超过 100 个字'),
  participants: count('参与人数'),
  beneficiaries: count('受益人数').default(0),
  volunteers: count('志愿者人数').default(0),
  /** Volunteer time actually served, travel excluded (民政部令第67号), in minutes. */
  volunteerMinutes: count('志愿服务时长', 100_000_000).default(0),
  amountFen: FenAmount('涉及金额').default(0),
  foreignRelated: z.boolean({ error: '请选择是否涉外' }).default(false),
  description: z.string().trim().max(2000, '活动简介不超过 2000 个字').nullable().default(null),
});

/** End not before start: checked on the whole object so the message sits at the end time. */
export const ActivityInput = ActivityFields.superRefine((v, ctx) => {
  if (Date.parse(v.endsAt) < Date.parse(v.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间不能早于开始时间' });
});
export type ActivityInput = z.infer<typeof ActivityInput>;
