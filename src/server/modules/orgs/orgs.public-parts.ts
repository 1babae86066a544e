import type { Db } from '../../db/types.js';
import type { PublicCreditEntry } from '../../../shared/schemas/credit-public.js';
import type { PublicPenalty } from '../../../shared/schemas/penalties.js';

/**
 * Parts of the public register's page that other modules own (issue 14: credit entries, penalties): each registers
 * its loader from its own index.ts, so the register shows them without orgs importing those modules (which read orgs).
 */
export interface PublicOrgParts {
  credit: PublicCreditEntry[];
  penalties: PublicPenalty[];
}
type PartLoader<K extends keyof PublicOrgParts> = (db: Db, orgId: number) => Promise<PublicOrgParts[K]>;

const loaders: { [K in keyof PublicOrgParts]?: PartLoader<K> } = {};

export function registerPublicOrgPart<K extends keyof PublicOrgParts>(name: K, load: PartLoader<K>): void {
  (loaders as Record<string, unknown>)[name] = load;
}

/** Every part for one organization; a part no module registered is empty. */
export async function publicOrgParts(db: Db, orgId: number): Promise<PublicOrgParts> {
  const [credit, penalties] = await Promise.all([loaders.credit?.(db, orgId) ?? [], loaders.penalties?.(db, orgId) ?? []]);
  return { credit, penalties };
}
