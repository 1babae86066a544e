import type { Db, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { requireAccess } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import { findRegionByCode, findRegionById, resolveRegionFor } from '../regions/index.js';
import type { Rule, RuleHistoryResponse, RuleListQuery, RuleListResponse, RuleOverrideInput } from '../../../shared/schemas/rules.js';
import type { RuleRow } from '../../db/types-rules.js';
import * as repo from './rules.repository.js';
import type { OverrideWithUser } from './rules.repository.js';
import { mergedParams, overrideProblems } from './rules.policy.js';

type Params = Record<string, number | boolean | string>;

function toRule(row: RuleRow, override: OverrideWithUser | null): Rule {
  const defaults = row.params as Params;
  return {
    key: row.key,
    title: row.title,
    source: row.source,
    article: row.article,
    certainty: row.certainty,
    summary: row.summary,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    defaults,
    params: mergedParams(defaults, row.overridable, override?.params ?? null),
    overridable: row.overridable,
    override: override
      ? { id: Number(override.id), districtId: Number(override.district_id), validFrom: override.valid_from, reason: override.reason, setBy: override.username, setAt: new Date(override.set_at).toISOString() }
      : null,
  };
}

export interface RuleOptions {
  /** The decisive day (YYYY-MM-DD): the rule version and the override in force that day judge the case. */
  on: string;
  /** The district whose override applies; null = the rule's own values. */
  districtId: number | null;
}

/**
 * The rule a case is judged under: the version in force on the decisive day, with the district's values of that day.
 * A key with no version in force that day is a programming error (every key the code asks for has a seeded row).
 */
export async function ruleInForce(db: Db, key: string, opts: RuleOptions): Promise<Rule> {
  const row = await repo.findRuleInForce(db, key, opts.on);
  if (!row) throw new Error(`rule ${key} is not in force on ${opts.on}`);
  const override = opts.districtId === null ? null : ((await repo.findOverridesInForce(db, opts.districtId, opts.on, [key])).get(key) ?? null);
  return toRule(row, override);
}

/** Every rule (with the prefix) in force on a day, with the district's values. */
export async function rulesInForce(db: Db, opts: RuleOptions & { prefix?: string }): Promise<Rule[]> {
  const rows = await repo.findRulesInForce(db, opts.on, opts.prefix);
  const overrides = opts.districtId === null ? new Map<string, OverrideWithUser>() : await repo.findOverridesInForce(db, opts.districtId, opts.on, rows.map((r) => r.key));
  return rows.map((r) => toRule(r, overrides.get(r.key) ?? null));
}

async function districtNamed(db: Db, code: string): Promise<RegionRow> {
  const region = await findRegionByCode(db, code);
  if (!region) throw errors.validation({ region: '区划不存在' });
  if (region.level !== 3) throw errors.validation({ region: '规则按区县调整，请选择区县' });
  return region;
}

/** The actor's own district (rules are public law: any district may be read; null above the district level). */
async function readerDistrict(db: Db, ctx: RequestContext, code: string | undefined): Promise<number | null> {
  if (code) return Number((await districtNamed(db, code)).id);
  const own = ctx.actor?.region;
  if (!own || own.level < 3) return null;
  if (own.level === 3) return own.id;
  const row = await findRegionById(db, own.id);
  return row?.level3_id == null ? null : Number(row.level3_id);
}

export async function listRules(db: Db, ctx: RequestContext, q: RuleListQuery): Promise<RuleListResponse> {
  requireAccess(ctx.actor, 'rule.read');
  const on = q.on ?? todayInChina();
  const districtId = await readerDistrict(db, ctx, q.region);
  return { on, districtId, items: await rulesInForce(db, { on, districtId, prefix: q.prefix }) };
}

export async function getRuleHistory(db: Db, ctx: RequestContext, key: string, code: string | undefined): Promise<RuleHistoryResponse> {
  requireAccess(ctx.actor, 'rule.read');
  const versions = await repo.findRuleVersions(db, key);
  if (versions.length === 0) throw errors.notFound('rule');
  const districtId = await readerDistrict(db, ctx, code);
  const overrides = await repo.findOverridesOf(db, key, districtId === null ? null : [districtId]);
  return {
    key,
    versions: versions.map((v) => {
      const rule: Partial<Rule> = toRule(v, null);
      delete rule.override;
      delete rule.params;
      return rule as Omit<Rule, 'override' | 'params'>;
    }),
    overrides: overrides.map((o) => ({
      id: Number(o.id), districtId: Number(o.district_id), districtName: o.district_name, validFrom: o.valid_from, params: o.params as Params, reason: o.reason, setBy: o.username, setAt: new Date(o.set_at).toISOString(),
    })),
  };
}

/**
 * A district's own values for a rule from a day on. Never backdated: what was decided stays judged under the values
 * of its day (a past day is refused), and an override is added, never edited, so the history stays readable.
 */
export async function overrideRule(db: Db, ctx: RequestContext, key: string, code: string | undefined, input: RuleOverrideInput): Promise<Rule> {
  requireAccess(ctx.actor, 'rule.override');
  const own = ctx.actor.region;
  const wanted = code ?? (own && own.level === 3 ? own.code : undefined);
  if (!wanted) throw errors.validation({ region: '请选择区县' });
  const district = await resolveRegionFor(db, ctx.actor, wanted, 'rule.override');
  if (district.level !== 3) throw errors.validation({ region: '规则按区县调整，请选择区县' });
  const today = todayInChina();
  if (input.validFrom < today) throw errors.validation({ validFrom: '生效日期不得早于今天：已作出的决定按当日规则，不受调整影响' });
  const rule = await repo.findRuleInForce(db, key, input.validFrom);
  if (!rule) throw (await repo.findRuleVersions(db, key)).length ? errors.validation({ validFrom: '该日期没有有效的规则版本' }) : errors.notFound('rule');
  const problems = overrideProblems(rule.overridable, input.params);
  if (Object.keys(problems).length) throw errors.validation(problems);
  const districtId = Number(district.id);
  // An override names every value it changes: the earlier override's values carry over unless changed again.
  const earlier = (await repo.findOverridesInForce(db, districtId, input.validFrom, [key])).get(key) ?? null;
  const before = toRule(rule, earlier);
  const previous = earlier?.params ?? {};
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertOverride(trx, { district_id: districtId, rule_key: key, valid_from: input.validFrom, params: { ...previous, ...input.params }, reason: input.reason, set_by: ctx.actor!.id });
    if (id === null) throw errors.conflict('rule.override_exists', '本区该规则在这一天已有调整，请选择其他生效日期', { validFrom: '这一天已有调整' });
    await writeAudit(trx, ctx, { action: 'rule.override', entityType: 'rule', entityId: key, regionCode: district.code, oldValue: before.params, newValue: { validFrom: input.validFrom, params: input.params, reason: input.reason } });
  });
  return ruleInForce(db, key, { on: input.validFrom, districtId });
}
