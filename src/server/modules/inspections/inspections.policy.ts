import { CHECK_AREAS, type ResultInput } from '../../../shared/schemas/inspections.js';

/**
 * The rules of a random inspection that are not the draw itself (the draw: src/shared/inspection-draw.ts).
 * 《社会组织抽查暂行办法》（民发〔2017〕45号）: art. 5 the ratio, art. 6 what is checked, art. 10 two or more inspectors
 * and recusal, art. 12 results public.
 */

/** Percent (3.5) → hundredths of a percent (350): the draw counts in integers. */
export const percentToBp = (percent: number) => Math.round(percent * 100);
export const bpToPercent = (bp: number) => bp / 100;

/**
 * A yearly plan may not go below the ratio in force (the rule's 3%, or more where the district set more); an ad-hoc
 * plan is drawn "by need" (art. 7) and has no floor. Returns the field problems.
 */
export function ratioProblems(kind: 'yearly' | 'adhoc', percent: number | undefined, floorPercent: number): Record<string, string> {
  if (percent === undefined) return kind === 'adhoc' ? { percent: '不定期抽查请填写抽查比例' } : {};
  if (kind === 'yearly' && percentToBp(percent) < percentToBp(floorPercent)) return { percent: `年度定期抽查比例不得低于 ${floorPercent}%` };
  return {};
}

/** What ties an inspector to the organization, or null (art. 10 利害关系, computed from the registry). */
export interface InspectorFacts {
  orgId: number | null;
  regionId: number | null;
}
export interface CheckedOrgFacts {
  id: number;
  hubOrgId: number | null;
  /** The community node it belongs to (its placement at level 5), null when placed above one. */
  communityId: number | null;
}

export function recusalReason(user: InspectorFacts, org: CheckedOrgFacts): string | null {
  if (user.orgId !== null && Number(user.orgId) === Number(org.id)) return '系该组织的负责人或成员';
  if (user.orgId !== null && org.hubOrgId !== null && Number(user.orgId) === Number(org.hubOrgId)) return '任职于该组织所属的枢纽型社会组织';
  if (user.regionId !== null && org.communityId !== null && Number(user.regionId) === Number(org.communityId)) return '系该组织所在社区的工作人员';
  return null;
}

export interface PickedInspector {
  userId: number;
  status: 'active' | 'recused';
  reason: string | null;
  drawOrder: number;
}

/**
 * Walks the pool in draw order, skipping those already on the item, until `needed` active inspectors are found; a
 * related candidate met on the way is kept as recused with the relation, so the record shows why they were passed.
 */
export function pickInspectors(ordered: readonly number[], needed: number, facts: ReadonlyMap<number, InspectorFacts>, org: CheckedOrgFacts, skip: ReadonlySet<number> = new Set()): PickedInspector[] {
  const out: PickedInspector[] = [];
  let active = 0;
  for (const [i, userId] of ordered.entries()) {
    if (active >= needed) break;
    if (skip.has(userId)) continue;
    const reason = recusalReason(facts.get(userId) ?? { orgId: null, regionId: null }, org);
    out.push({ userId, status: reason ? 'recused' : 'active', reason, drawOrder: i + 1 });
    if (!reason) active++;
  }
  return out;
}

/** A result's field problems (a problem found needs a description and a later deadline; none found, no problem ticked). */
export function resultProblems(input: Pick<ResultInput, 'checklist' | 'result' | 'findings' | 'rectifyBy'>, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const flagged = CHECK_AREAS.filter((a) => input.checklist[a].status === 'problem');
  for (const a of flagged) if (!input.checklist[a].note) problems[`checklist.${a}.note`] = '请写明发现的问题';
  if (input.result === 'problems') {
    if (flagged.length === 0) problems.result = '发现问题时请在检查项中标出问题';
    if (!input.findings) problems.findings = '请写明发现的问题和整改要求';
    if (!input.rectifyBy) problems.rectifyBy = '发现问题时请设定整改期限';
    else if (input.rectifyBy <= today) problems.rectifyBy = '整改期限应晚于今天';
  } else {
    if (flagged.length > 0) problems.result = '检查项中标有问题，结果应为“发现问题”';
    if (input.rectifyBy) problems.rectifyBy = '未发现问题时无需整改期限';
  }
  return problems;
}
