import type { Db } from '../../db/types.js';

/**
 * A fact that is a ground for a credit list (民政部令第60号), found by a module that owns it. The credit job asks
 * every source for the facts as they stood on a day, and enters (or, with propose, proposes for a person to confirm)
 * what the rules make of them. Sources register from their own module's index.ts (risk warnings: a rectification
 * overdue; party building: a party organization not set up), so credit never imports them.
 */
export interface CreditFact {
  orgId: number;
  /** The rule key of the ground (rules table), e.g. 'credit.abnormal.rectification'. */
  ground: string;
  /** The day the fact arose (the decisive day of the rule, and where the 5 working days start). */
  factOn: string;
  /** What happened, in one sentence shown on the entry and the notice (告知书). */
  evidence: string;
  /** Where it comes from, so an entry links back and a rerun recognizes it: e.g. { kind: 'risk_item', id: 12 }. */
  subject: { kind: string; id: number };
  /** Needs a person's confirmation before it is entered (a proposal, not an entry). */
  propose?: boolean;
  /**
   * The day the fact stopped (a report filed late, a rectification finished): the ground is remedied, so the entry may
   * be removed on verification (5 working days). Null while it lasts.
   */
  remediedOn?: string | null;
}

export interface CreditSource {
  name: string;
  label: string;
  /** The facts as things stood on a day (never later knowledge): the job rerun for a past day reproduces its lists. */
  facts(db: Db, on: string): Promise<CreditFact[]>;
}

const sources = new Map<string, CreditSource>();

export function registerCreditSource(source: CreditSource): () => void {
  sources.set(source.name, source);
  return () => void sources.delete(source.name);
}

export const creditSources = (): CreditSource[] => [...sources.values()];
