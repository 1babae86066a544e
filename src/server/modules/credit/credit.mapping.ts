/** Entries as the routes answer them: the rule and basis of each decision, and the timers worked out for the day. */
import type { Db } from '../../db/types.js';
import type { CreditGroundRow } from '../../db/types-credit.js';
import type { Rule } from '../../../shared/schemas/rules.js';
import { CREDIT_LIST_LABELS } from '../../../shared/schemas/credit-public.js';
import { CREDIT_STATUS_LABELS, type CreditListItem, type CreditTimers } from '../../../shared/schemas/credit.js';
import { basisOf, ruleInForce } from '../rules/index.js';
import * as repo from './credit.repository.js';
import type { EntryWithOrg } from './credit.repository.js';
import { autoRemovalOn, dishonestRemovableFrom, movesToSerialOn, periodFromOn } from './credit.policy.js';

/** ruleInForce remembered for one answer (a page of entries asks the same few rules many times). */
export function ruleCache(db: Db) {
  const memo = new Map<string, Promise<Rule>>();
  return (key: string, on: string, districtId: number | null) => {
    const k = `${key}|${on}|${districtId}`;
    if (!memo.has(k)) memo.set(k, ruleInForce(db, key, { on, districtId }));
    return memo.get(k)!;
  };
}
export type RuleCache = ReturnType<typeof ruleCache>;

const districtOf = (row: EntryWithOrg) => (row.level3_id === null ? null : Number(row.level3_id));

export async function timersOf(rules: RuleCache, row: EntryWithOrg, grounds: CreditGroundRow[], on: string): Promise<CreditTimers> {
  const district = districtOf(row);
  const restarts = grounds.filter((g) => g.effect === 'restarted' && g.fact_on <= on);
  const restartLabels = await Promise.all(restarts.map(async (g) => ({ on: g.fact_on, ground: g.rule_key, groundLabel: (await rules(g.rule_key, g.fact_on, district)).title, reason: g.evidence })));
  const periodFrom = row.listed_on ? periodFromOn(row.listed_on, restarts.map((g) => ({ on: g.fact_on })), on) : null;
  const open = row.status === 'listed';
  let movesOn: string | null = null;
  let removableFrom: string | null = null;
  let removalPath: string;
  if (row.list === 'abnormal') {
    removalPath = '履行相关义务或完成整改后申请移出，查实之日起 5 个工作日内移出';
    if (open && periodFrom) {
      movesOn = movesToSerialOn(periodFrom, Number((await rules('credit.dishonest.abnormal_two_years', periodFrom, district)).params.years));
      const auto = await rules('credit.removal.auto', on, district);
      removableFrom = autoRemovalOn({ enabled: auto.params.enabled === true, months: Number(auto.params.months), periodFrom, nothingToFix: true });
      if (removableFrom) removalPath += `；无需整改的，列入满 ${auto.params.months} 个月自动移出（本区已启用）`;
    }
  } else {
    const clean = await rules('credit.removal.dishonest', periodFrom ?? row.noticed_on, district);
    removalPath = `列入满 ${clean.params.cleanYears} 年且期间未再出现列入情形的，可申请移出`;
    if (periodFrom) removableFrom = dishonestRemovableFrom(periodFrom, Number(clean.params.cleanYears));
  }
  return { objectionDueOn: row.objection_due_on, recordDueOn: row.record_due_on, movesToSerialOn: movesOn, removableFrom, removalPath, removalDueOn: row.status === 'listed' ? row.removal_due_on : null, restarts: restartLabels };
}

export async function toListItems(db: Db, rows: EntryWithOrg[], on: string, rules: RuleCache = ruleCache(db)): Promise<CreditListItem[]> {
  const grounds = await repo.groundsOf(db, rows.map((r) => Number(r.id)));
  const regions = await repo.regionNames(db, [...new Set(rows.map((r) => Number(r.region_id)))]);
  return Promise.all(
    rows.map(async (row) => {
      const rule = await rules(row.rule_key, row.rule_on, districtOf(row));
      const own = grounds.filter((g) => Number(g.entry_id) === Number(row.id));
      const timers = await timersOf(rules, row, own, on);
      return {
        id: Number(row.id),
        org: { id: Number(row.org_id), name: row.org_name, creditCode: row.credit_code },
        region: regions.get(Number(row.region_id)) ?? null,
        list: row.list,
        listLabel: CREDIT_LIST_LABELS[row.list],
        status: row.status,
        statusLabel: CREDIT_STATUS_LABELS[row.status],
        origin: row.origin,
        ground: row.rule_key,
        groundLabel: rule.title,
        basis: basisOf(rule, row.rule_on),
        noticeNo: row.notice_no,
        noticedOn: row.noticed_on,
        listedOn: row.listed_on,
        periodFrom: row.listed_on ? periodFromOn(row.listed_on, own.filter((g) => g.effect === 'restarted').map((g) => ({ on: g.fact_on })), on) : null,
        removedOn: row.removed_on,
        movedOn: row.moved_on,
        withdrawnOn: row.withdrawn_on,
        timers,
        version: row.version,
      };
    }),
  );
}
