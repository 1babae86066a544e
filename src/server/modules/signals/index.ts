/**
 * Risk signals (issue 14 item 5): facts that become risk items, found by the module that owns them and registered
 * here, a module that imports none of them. Risk warnings read every source; credit (an entry, an unreachable
 * address), inspections (a spot-check problem) and later resident voice (a complaint) register theirs, so no two of
 * those modules import each other's door in both directions.
 */
import type { Db } from '../../db/types.js';
import { RISK_KIND_LIST } from '../../../shared/schemas/risks.js';

// The kinds are shared with the web (the risk board's columns): one list, in shared/schemas/risks.ts.
export const RISK_KINDS = RISK_KIND_LIST;
export type RiskKind = (typeof RISK_KINDS)[number];
export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskSignal {
  orgId: number;
  kind: RiskKind;
  /** The day the signal arose (a due date passed, a problem found, an entry listed). */
  detectedOn: string;
  /** What the evidence is, in one sentence; the subject links to it. */
  evidence: string;
  subject: { kind: string; id: number };
  /** The source's view of how serious it is (the risk settings may raise it). */
  level: RiskLevel;
  /** A deadline the evidence itself sets (a rectification deadline from a spot check); else the risk rule's. */
  dueOn?: string | null;
  /** The day the fact stopped (the report filed, the entry removed); null while it lasts. */
  resolvedOn?: string | null;
}

export interface RiskSignalSource {
  name: string;
  kind: RiskKind;
  label: string;
  /** The signals as things stood on a day (the job is idempotent and may be rerun for a past day). */
  signals(db: Db, on: string): Promise<RiskSignal[]>;
}

const sources = new Map<string, RiskSignalSource>();

export function registerRiskSignalSource(source: RiskSignalSource): () => void {
  sources.set(source.name, source);
  return () => void sources.delete(source.name);
}

export const riskSignalSources = (): RiskSignalSource[] => [...sources.values()];
