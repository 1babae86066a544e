import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import type { PenaltyRow } from '../../db/types-rules.js';

/**
 * What happens to a penalty, told to the modules that act on it (the credit rules enter a listing at once, within
 * the 5 working days of 民政部令第60号) in the transaction that records it, so the penalty and its consequence stand
 * or fall together. Penalties never import those modules: they register here from their own index.ts.
 */
export type PenaltyEvent = 'recorded' | 'annulled' | 'carried_out';
export type PenaltyListener = (trx: Db, ctx: RequestContext, penalty: PenaltyRow, event: PenaltyEvent) => Promise<void>;

const listeners: PenaltyListener[] = [];

export function registerPenaltyListener(listener: PenaltyListener): () => void {
  listeners.push(listener);
  return () => void listeners.splice(listeners.indexOf(listener), 1);
}

export async function tellPenaltyListeners(trx: Db, ctx: RequestContext, penalty: PenaltyRow, event: PenaltyEvent): Promise<void> {
  for (const listener of listeners) await listener(trx, ctx, penalty, event);
}
