import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import type { Actor, RequestContext } from '../src/server/lib/context.js';
import { errors } from '../src/server/lib/errors.js';
import { writeAudit } from '../src/server/lib/audit.js';
import { actingOrgId } from '../src/server/lib/access.js';
import type { Role } from '../src/shared/enums.js';
import { defineReviewSubject, submitCase } from '../src/server/modules/reviews/index.js';

/**
 * A subject kind for tests only (production code registers none of these): a numbered item held in memory, whose
 * approval writes an `test_item.effect` audit record inside the decision's transaction (so its rollback shows).
 */
export interface TestItem {
  id: number;
  title: string;
  /** The effect refuses: the approval must leave the case as it was. */
  failOnApprove?: boolean;
  /** The subject's own check: an approval needs a reason. */
  needsReason?: boolean;
}

const items = new Map<number, TestItem>();
let serial = 0;

export const TEST_SUBJECT = defineReviewSubject<TestItem>({
  kind: 'test_item',
  entity: 'test_item',
  label: '测试事项',
  noun: '测试事项',
  defaultChain: { steps: ['community', 'street'], deadlines: { community: 5, street: 10, district: 10 } },
  linkOf: (id) => `/test-items/${id}`,
  load: async (_db, id) => items.get(id),
  checks: async (_db, decision, input) => (decision === 'approve' && input.subject.needsReason && !input.opinion ? { opinion: '该测试事项同意时须写明理由' } : null),
  async onApprove(trx, ctx, input) {
    if (input.subject.failOnApprove) throw errors.validation({ title: '测试事项无法生效' });
    await writeAudit(trx, ctx, { action: 'test_item.effect', entityType: 'test_item', entityId: input.subject.id, newValue: { effect: 'approved' } });
    return `EFFECT-${input.subject.id}`;
  },
  async onReject(trx, ctx, input) {
    await writeAudit(trx, ctx, { action: 'test_item.effect', entityType: 'test_item', entityId: input.subject.id, newValue: { effect: 'rejected', opinion: input.opinion } });
  },
  async onWithdraw(trx, ctx, input) {
    await writeAudit(trx, ctx, { action: 'test_item.effect', entityType: 'test_item', entityId: input.subject.id, newValue: { effect: 'withdrawn' } });
  },
});

export function newTestItem(overrides: Partial<Omit<TestItem, 'id'>> = {}): TestItem {
  const item = { id: 900_000 + ++serial, title: `测试事项${serial}`, ...overrides };
  items.set(item.id, item);
  return item;
}

/** A request context for a stored user, as the session plugin would build it. */
export async function contextOf(db: Kysely<DB>, userId: number): Promise<RequestContext> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const r = u.region_id ? await db.selectFrom('regions').select(['id', 'code', 'name', 'level']).where('id', '=', u.region_id).executeTakeFirstOrThrow() : null;
  const actor: Actor = { id: Number(u.id), username: u.username, displayName: u.display_name, role: u.role as Role, region: r ? { id: Number(r.id), code: r.code, name: r.name, level: r.level } : null, orgId: actingOrgId(u.role as Role, u.org_id === null ? null : Number(u.org_id)) };
  return { actor, requestId: `test-${userId}`, ip: null };
}

/** Submits a new test item placed at `regionCode` on behalf of `submitterId`; returns the item and its case. */
export async function submitTestItem(db: Kysely<DB>, submitterId: number, regionCode: string, overrides: Partial<Omit<TestItem, 'id'>> = {}) {
  const item = newTestItem(overrides);
  const region = await db.selectFrom('regions').select('id').where('code', '=', regionCode).executeTakeFirstOrThrow();
  const c = await submitCase(db, await contextOf(db, submitterId), { kind: TEST_SUBJECT.kind, subjectId: item.id, title: item.title, regionId: Number(region.id) });
  return { item, case: c };
}
