import type { Transaction } from 'kysely';
import type { DB, Db, ReviewCaseRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import type { ReviewDecision, ReviewStep } from '../../../shared/enums.js';
import type { ReviewChainSetting } from '../../../shared/schemas/settings.js';


/** What a hook is told: the case as it stood before the decision, the subject, the step decided and why. */
export interface ReviewHookInput<S> {
  case: ReviewCaseRow;
  subject: S;
  step: ReviewStep | null;
  opinion: string | null;
  /** Subject-specific fields of the decision (an application's assigned credit code), from its own route. */
  extra?: Record<string, unknown>;
}

/**
 * A kind of thing that goes through the review chain (issue 11 item 3): an application, a major-activity
 * declaration, an annual report, ... It says which chain it follows and what happens when the chain ends. The
 * effects run inside the decision's transaction, so a failing effect leaves the case, its trail and the audit log
 * as they were.
 */
export interface ReviewSubject<S = unknown> {
  /** Stored in review_cases.subject_kind and the district setting `review.chains`: lower-case words. */
  kind: string;
  /** The audit entity type and the prefix of error codes (`application.not_your_turn`). */
  entity: string;
  /** The kind as the queue shows it (备案登记申请, 年度报告, ...). */
  label: string;
  /** How messages name one item (申请, 年报); 事项 by default. */
  noun?: string;
  /** The chain where the district has no `review.chains` entry for this kind (applications: their workflow). */
  defaultChain: ReviewChainSetting;
  /** The web page of one subject, for the queue's link. */
  linkOf(subjectId: number): string;
  /**
   * The actor's own items of this kind not yet in the chain (drafts to finish): to-dos too, counted in the bell with
   * the kind's cases and listed on the subject's own queue page.
   */
  draftsOf?(db: Db, actor: Actor): Promise<number>;
  /** The subject as its module holds it; undefined when it is gone. */
  load(db: Db, subjectId: number): Promise<S | undefined>;
  /** The steps for a subject at a node of this level; by default the chain without the steps below the node. */
  chainFor?(subject: S, regionLevel: number, chain: ReviewChainSetting): ReviewStep[];
  /** A step's limit in working days; by default the chain's deadline for the step. */
  deadlineOf?(step: ReviewStep, chain: ReviewChainSetting, subject: S): number;
  /** Field problems that stop this decision (e.g. an approval over warnings without a reason); null = none. */
  checks?(db: Db, decision: ReviewDecision, input: ReviewHookInput<S>): Promise<Record<string, string> | null>;
  /** The last step approved: the subject takes effect. Whatever it returns goes into the audit record and the result. */
  onApprove(trx: Transaction<DB>, ctx: RequestContext, input: ReviewHookInput<S>): Promise<unknown>;
  /** An approval moved the case on to the next step (the subject may record that it changed, e.g. its version). */
  onAdvance?(trx: Transaction<DB>, ctx: RequestContext, input: ReviewHookInput<S>): Promise<void>;
  onReturn?(trx: Transaction<DB>, ctx: RequestContext, input: ReviewHookInput<S>): Promise<void>;
  onReject?(trx: Transaction<DB>, ctx: RequestContext, input: ReviewHookInput<S>): Promise<void>;
  onWithdraw?(trx: Transaction<DB>, ctx: RequestContext, input: ReviewHookInput<S>): Promise<void>;
}

const subjects = new Map<string, ReviewSubject<unknown>>();

/**
 * Registers a subject kind; its module calls this once when it is loaded (from its index.ts). Registering a kind
 * twice with another definition is a programming error.
 */
export function defineReviewSubject<S>(subject: ReviewSubject<S>): ReviewSubject<S> {
  if (!/^[a-z][a-z0-9_]*$/.test(subject.kind)) throw new Error(`review subject kind ${subject.kind}: lower-case words only`);
  const known = subjects.get(subject.kind);
  if (known && known !== (subject as ReviewSubject<unknown>)) throw new Error(`review subject kind ${subject.kind} is already defined`);
  subjects.set(subject.kind, subject as ReviewSubject<unknown>);
  return subject;
}

export const reviewSubjectOf = (kind: string): ReviewSubject<unknown> | undefined => subjects.get(kind);
export const reviewSubjectKinds = (): string[] => [...subjects.keys()];
