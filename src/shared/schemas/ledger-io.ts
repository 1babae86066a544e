import { z } from '../zod.js';
import { DateText } from './common.js';

/**
 * The ledger's export and printed ledger (issue 13 item 1): a node below the actor's, a period of activity days, one
 * organization. Omitted: the actor's own reach; the printed ledger's period defaults to this year so far.
 */
export const LedgerIoQuery = z
  .strictObject({
    region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
    from: DateText.optional(),
    to: DateText.optional(),
    org: z.coerce.number({ error: '组织编号无效' }).int('组织编号无效').positive('组织编号无效').max(2 ** 53 - 1, '组织编号无效').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type LedgerIoQuery = z.infer<typeof LedgerIoQuery>;
