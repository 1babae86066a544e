import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import type { CreditEntry } from '../../../shared/schemas/credit.js';
import { renderNoticePdf, renderRemovalPdf } from './credit.print.js';
import { getCredit } from './credit.service.js';

/**
 * The letters of one entry as A4 PDFs, for whoever may read the entry (getCredit's access check: the district in
 * reach, the organization's own leader). The notice prints as it was issued (entry.notice); the removal decision
 * only once the entry is removed.
 */
export async function noticePdf(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<{ pdf: Buffer; entry: CreditEntry }> {
  const entry = await getCredit(db, ctx, id);
  const n = entry.notice;
  const pdf = await renderNoticePdf({
    number: n.no,
    orgName: n.orgName,
    creditCode: entry.org.creditCode,
    listLabel: n.listLabel,
    ground: entry.groundLabel,
    facts: n.facts,
    reasons: n.reasons,
    basisText: n.basis.text,
    noticeBasisText: n.noticeBasis.text,
    rights: n.rights,
    noticedOn: n.on,
    objectionDueOn: n.objectionDueOn,
    office: n.issuer,
  });
  return { pdf, entry };
}

/** The removal decision's number follows the notice's (吉民信告〔2026〕3号 → 吉民信移〔2026〕3号): one sequence per entry. */
export const removalNumber = (noticeNo: string) => noticeNo.replace('信告', '信移');

export async function removalPdf(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<{ pdf: Buffer; entry: CreditEntry }> {
  const entry = await getCredit(db, ctx, id);
  if (entry.status !== 'removed' || !entry.removedOn) {
    throw errors.conflict('credit_entry.not_removed', '该条目尚未移出名录，没有移出决定书');
  }
  const pdf = await renderRemovalPdf({
    number: removalNumber(entry.noticeNo),
    orgName: entry.org.name,
    creditCode: entry.org.creditCode,
    listLabel: entry.listLabel,
    ground: entry.groundLabel,
    listedOn: entry.listedOn ?? entry.noticedOn,
    removedOn: entry.removedOn,
    reason: entry.removalReason ?? entry.timers.removalPath,
    basisText: entry.removalBasis?.text ?? entry.basis.text,
    office: entry.notice.issuer,
  });
  return { pdf, entry };
}
