import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DeclarationRow } from '../../db/types-declarations.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { can, requireAccess } from '../../lib/access.js';
import type { ReviewDecision } from '../../../shared/enums.js';
import type { Declaration } from '../../../shared/schemas/declarations.js';
import { declarationSettingsFor } from '../settings/index.js';
import { decideCase, defineReviewSubject, latestCasesFor } from '../reviews/index.js';
import * as repo from './declarations.repository.js';
import { summaryDueOn } from './declarations.policy.js';
import { districtOf, ENTITY, getDeclaration, KIND, loadDeclaration } from './declarations.service.js';

/** The declaration's own row follows its case: each decision bumps its version with a version-checked update. */
async function save(trx: Transaction<DB>, row: DeclarationRow, patch: Partial<DeclarationRow>) {
  if (!(await repo.updateDeclaration(trx, Number(row.id), row.version, patch))) throw errors.conflict('declaration.version_conflict', '该申报刚被他人处理，请刷新后查看');
}

/**
 * Declarations on the one review chain: by default the community pre-reviews and the street decides (issue 13 item
 * 3); a district changes it in `review.chains.declaration`. The step limits are short because the activity is days
 * away (the lead time is 7 days by default).
 */
export const declarationSubject = defineReviewSubject<DeclarationRow>({
  kind: KIND,
  entity: ENTITY,
  label: '重大活动申报',
  noun: '申报',
  defaultChain: { steps: ['community', 'street'], deadlines: { community: 2, street: 3, district: 3 } },
  linkOf: (id) => `/declarations/${id}`,
  load: (db, id) => repo.findDeclaration(db, id),
  draftsOf: (db, actor) => (can(actor, 'declaration.file') ? repo.countDrafts(db, actor.id) : Promise.resolve(0)),
  async onApprove(trx, _ctx, { subject: row }) {
    // The summary falls due N days after the planned end (moved to the held activity's end when one is linked).
    const { summaryDueDays } = await declarationSettingsFor(trx, districtOf(row));
    const due = summaryDueOn(row.planned_end_on, summaryDueDays);
    await save(trx, row, { status: 'approved', decided_at: new Date(), summary_due_on: due });
    return { summaryDueOn: due };
  },
  onAdvance: (trx, _ctx, { subject: row }) => save(trx, row, {}),
  onReturn: (trx, _ctx, { subject: row }) => save(trx, row, { status: 'returned' }),
  onReject: (trx, _ctx, { subject: row }) => save(trx, row, { status: 'rejected', decided_at: new Date() }),
  onWithdraw: (trx, _ctx, { subject: row }) => save(trx, row, { status: 'withdrawn', decided_at: new Date() }),
});

/** One reviewer's decision from the declaration's own page: the chain's decision, with the declaration's 404/409. */
export async function reviewDeclaration(db: Kysely<DB>, ctx: RequestContext, id: number, body: { decision: ReviewDecision; opinion?: string }): Promise<Declaration> {
  requireAccess(ctx.actor, 'review.decide');
  await loadDeclaration(db, ctx, id, 'declaration.read');
  if (!(await latestCasesFor(db, KIND, [id])).has(id)) throw errors.conflict('declaration.not_your_turn', '该申报当前不在审核中，不能审核');
  await decideCase(db, ctx, { kind: KIND, subjectId: id }, { decision: body.decision, opinion: body.opinion ?? null });
  return getDeclaration(db, ctx, id);
}
