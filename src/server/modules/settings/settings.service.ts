import type { Kysely } from 'kysely';
import type { DB, RegionRow, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { requireAccess } from '../../lib/access.js';
import { COVERED_THROUGH, isYearCovered, todayInChina } from '../../lib/working-days.js';
import {
  DEFAULT_WORKFLOW,
  SETTING_DEFAULTS,
  SETTING_KEYS,
  SETTING_LABELS,
  SETTING_SCHEMAS,
  applicationChainOf,
  WorkdayOverrides,
  WorkflowSettings,
  type ReviewChains,
  type ReviewChainSetting,
  type SettingKey,
  type SettingsResponse,
} from '../../../shared/schemas/settings.js';
import type { AnnualReportSettings, DeclarationSettings, LedgerSettings, ReminderSettings } from '../../../shared/schemas/supervision-settings.js';
import { resolveRegionFor } from '../regions/index.js';
import * as repo from './settings.repository.js';


/** A stored value that no longer parses (an older shape) falls back to the default rather than breaking reviews. */
async function read<T>(db: Db, districtId: number | null, key: SettingKey): Promise<T> {
  const fallback = SETTING_DEFAULTS[key] as T;
  if (!districtId) return fallback;
  const stored = await repo.findDistrictSetting(db, districtId, key);
  if (stored === undefined) return fallback;
  const parsed = SETTING_SCHEMAS[key].safeParse(stored);
  return parsed.success ? (parsed.data as T) : fallback;
}

export const workflowFor = (db: Db, districtId: number | null) => read<WorkflowSettings>(db, districtId, 'workflow');
export const workdayOverridesFor = (db: Db, districtId: number | null) => read<WorkdayOverrides>(db, districtId, 'workdays.overrides');
export const ledgerSettingsFor = (db: Db, districtId: number | null) => read<LedgerSettings>(db, districtId, 'ledger');
export const declarationSettingsFor = (db: Db, districtId: number | null) => read<DeclarationSettings>(db, districtId, 'declarations');
export const annualReportSettingsFor = (db: Db, districtId: number | null) => read<AnnualReportSettings>(db, districtId, 'annual.reports');
export const reminderSettingsFor = (db: Db, districtId: number | null) => read<ReminderSettings>(db, districtId, 'reminders');
export { DEFAULT_WORKFLOW };

/**
 * The chain a subject kind follows in a district: the district's `review.chains` entry for it; else, for
 * applications, the district's filing workflow (the setting they have always followed); else undefined, and the
 * subject's own default applies.
 */
export async function reviewChainFor(db: Db, districtId: number | null, kind: string): Promise<ReviewChainSetting | undefined> {
  const chains = await read<ReviewChains>(db, districtId, 'review.chains');
  if (Object.hasOwn(chains, kind)) return chains[kind];
  if (kind === 'application') return applicationChainOf(await workflowFor(db, districtId));
  return undefined;
}

/** Years from this one through the next that neither chinese-days nor the district's entries cover. */
export function uncoveredYears(overrides: WorkdayOverrides, today = todayInChina()): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((y) => !isYearCovered(y, overrides));
}

/** The district whose settings apply: the actor's own district, or the one they name inside their subtree. */
async function resolveDistrict(db: Db, ctx: RequestContext, code: string | undefined): Promise<RegionRow> {
  requireAccess(ctx.actor, 'settings.manage');
  const actorRegion = ctx.actor.region;
  const wanted = code ?? (actorRegion && actorRegion.level === 3 ? actorRegion.code : undefined);
  if (!wanted) throw errors.validation({ region: '请选择区县' });
  const region = await resolveRegionFor(db, ctx.actor, wanted, 'settings.manage');
  if (region.level !== 3) throw errors.validation({ region: '设置按区县保存，请选择区县' });
  return region;
}

export async function getSettings(db: Kysely<DB>, ctx: RequestContext, code: string | undefined): Promise<SettingsResponse> {
  const region = await resolveDistrict(db, ctx, code);
  const stored = new Map((await repo.findDistrictSettings(db, Number(region.id))).map((r) => [r.key, r]));
  const items = SETTING_KEYS.map((key) => {
    const row = stored.get(key);
    const parsed = row ? SETTING_SCHEMAS[key].safeParse(row.value) : null;
    return {
      key,
      label: SETTING_LABELS[key],
      value: parsed?.success ? parsed.data : SETTING_DEFAULTS[key],
      defaultValue: SETTING_DEFAULTS[key],
      isDefault: !parsed?.success,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      updatedBy: row?.username ?? null,
    };
  });
  const overrides = items.find((i) => i.key === 'workdays.overrides')!.value as WorkdayOverrides;
  return {
    region: { id: Number(region.id), code: region.code, name: region.name, level: region.level },
    items,
    uncoveredYears: uncoveredYears(overrides),
    coveredThrough: COVERED_THROUGH,
  };
}

export async function updateSetting(db: Kysely<DB>, ctx: RequestContext, code: string | undefined, key: SettingKey, value: unknown) {
  const region = await resolveDistrict(db, ctx, code);
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[['value', ...issue.path].join('.')] ??= issue.message;
    throw errors.validation(fields);
  }
  const before = await read<unknown>(db, Number(region.id), key);
  await db.transaction().execute(async (trx) => {
    await repo.upsertDistrictSetting(trx, Number(region.id), key, parsed.data, ctx.actor!.id);
    await writeAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: key, regionCode: region.code, oldValue: before, newValue: parsed.data });
  });
  return getSettings(db, ctx, region.code);
}
