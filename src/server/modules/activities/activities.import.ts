import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { NewActivity } from '../../db/types-ledger.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { isInJurisdiction, isInOrgScope, listScope, regionScope, subtreeOf, type ListScope, type RegionScope } from '../../lib/access.js';
import { writeAudit } from '../../lib/audit.js';
import { findRegionByCode } from '../regions/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import { defineImport, type JobMemo, type ParsedRow, type RowOutcome, type RowProblem } from '../imports/index.js';
import { applyTotals, refreshLastActivity, type TotalsDelta } from './activities.totals.js';
import { heldOnOf } from './activities.policy.js';
import * as repo from './activities.io.repository.js';
import { ACTIVITY_SHEET_COLUMNS, parseActivityRow, type ActivityDraft } from './activities.sheet.js';

type Parsed = ParsedRow<ActivityDraft>;
type OrgHit = Awaited<ReturnType<typeof repo.findOrgsByCodes>>[number];

/** Where each row's organization was found, or why not (by column, in Chinese). */
interface ActivityBatch {
  org: Map<Parsed, OrgHit>;
  orgProblem: Map<Parsed, RowProblem>;
}


/** The actor's reach (region subtree and, for a hub manager, its members), once per job. */
const reachOf = (trx: Transaction<DB>, actor: Actor, memo: JobMemo) => memo.get<ListScope>('reach', () => listScope(trx, actor));

/**
 * Where a name is looked up: the actor's whole district, so a name that exists beside the actor's jurisdiction is
 * told apart from one that exists nowhere (the register is public, so saying so reveals nothing).
 */
function nameAreaOf(trx: Transaction<DB>, actor: Actor, memo: JobMemo): Promise<RegionScope | null> {
  return memo.get('name-area', async () => {
    if (!actor.region || actor.region.level <= 3) return regionScope(actor);
    const node = await findRegionByCode(trx, actor.region.code);
    return node?.level3_id ? subtreeOf({ id: Number(node.level3_id), level: 3 }) : regionScope(actor);
  });
}

/** An activity is placed like its organization (migration 0017): the organization's node and its ancestors. */
const placementOf = (o: OrgHit) => {
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  return { region_id: Number(o.region_id), level1_id: n(o.level1_id), level2_id: n(o.level2_id), level3_id: n(o.level3_id), level4_id: n(o.level4_id), level5_id: n(o.level5_id), level6_id: n(o.level6_id) };
};

const inReach = (actor: Actor, reach: ListScope, org: OrgHit) => isInJurisdiction(actor, org) && isInOrgScope(reach.org, org);
const OUTSIDE = '不在您的辖区内（社区工作人员只能导入本社区的组织，联合会只能导入本会及会员组织）';

/** The organizations the batch names: by code (one query), else by name in the district (one query per new name). */
async function loadActivityBatch(trx: Transaction<DB>, ctx: RequestContext, rows: Parsed[], memo: JobMemo): Promise<ActivityBatch> {
  const actor = ctx.actor!;
  const reach = await reachOf(trx, actor, memo);
  const batch: ActivityBatch = { org: new Map(), orgProblem: new Map() };
  // Organizations already looked up by an earlier batch of the job: a file names the same few dozen again and again.
  const known = await memo.get('orgs', async () => ({ byCode: new Map<string, OrgHit | null>(), byName: new Map<string, OrgHit[]>() }));
  const codes = [...new Set(rows.map((p) => p.draft.orgCode).filter((c): c is string => !!c && !known.byCode.has(c)))];
  const hits = new Map<string, OrgHit>();
  for (const o of await repo.findOrgsByCodes(trx, codes)) for (const c of [o.credit_code, o.certificate_no]) if (c) hits.set(c, o);
  for (const c of codes) known.byCode.set(c, hits.get(c) ?? null);
  const names = [...new Set(rows.filter((p) => !p.draft.orgCode && p.draft.orgName && !known.byName.has(p.draft.orgName)).map((p) => p.draft.orgName!))];
  const found = await repo.findOrgsByNames(trx, names, await nameAreaOf(trx, actor, memo));
  for (const n of names) known.byName.set(n, found.filter((o) => o.name === n));

  for (const p of rows) {
    const problem = (column: string, message: string) => batch.orgProblem.set(p, { row: p.row.rowNumber, column, message });
    if (p.draft.orgCode) {
      const o = known.byCode.get(p.draft.orgCode);
      if (!o) problem('统一社会信用代码/备案编号', `没有统一社会信用代码或备案编号为“${p.draft.orgCode}”的组织：请核对代码，或清空该列按组织名称匹配`);
      else if (!inReach(actor, reach, o)) problem('统一社会信用代码/备案编号', `“${o.name}”${OUTSIDE}`);
      else batch.org.set(p, o);
    } else if (p.draft.orgName) {
      const all = known.byName.get(p.draft.orgName) ?? [];
      const mine = all.filter((o) => inReach(actor, reach, o));
      if (mine.length === 1) batch.org.set(p, mine[0]);
      else if (mine.length > 1) problem('组织名称', `辖区内有 ${mine.length} 个名为“${p.draft.orgName}”的组织：请填写统一社会信用代码或备案编号`);
      else if (all.length > 0) problem('组织名称', `“${p.draft.orgName}”${OUTSIDE}`);
      else problem('组织名称', `本区没有名为“${p.draft.orgName}”的社会组织：请核对名称（与名录一致），或填写统一社会信用代码/备案编号`);
    }
  }
  return batch;
}

/** The re-import key: the same organization, start and title is the same activity (a rerun never duplicates it). */
function activityKeys(p: Parsed, batch: ActivityBatch): string[] {
  const org = batch.org.get(p);
  const input = p.draft.input;
  return org && input ? [`${org.id}|${new Date(input.startsAt).toISOString()}|${input.title}`] : [];
}

/** A district's activity types (its `ledger` setting), once per district per job. */
const typesOf = (trx: Transaction<DB>, memo: JobMemo, districtId: number | null) =>
  memo.get(`types:${districtId}`, async () => new Set((await ledgerSettingsFor(trx, districtId)).activityTypes));

/**
 * One round: the district's type rule, matching by key with one query, then the new activities in one insert, the
 * month totals and the organizations' last activity day in two statements, and one audit record for the round,
 * all in the batch's transaction (the machinery commits the job's counts and watermark with it).
 */
async function commitActivityRound(trx: Transaction<DB>, ctx: RequestContext, rows: Parsed[], batch: ActivityBatch, memo: JobMemo): Promise<RowOutcome[]> {
  const actor = ctx.actor!;
  const outcomes: RowOutcome[] = new Array(rows.length);
  const ready: { i: number; org: OrgHit; input: NonNullable<ActivityDraft['input']>; key: string }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    const problems = [...p.problems];
    const orgProblem = batch.orgProblem.get(p);
    if (orgProblem) problems.push(orgProblem);
    const org = batch.org.get(p);
    const input = p.draft.input;
    if (org && input) {
      const types = await typesOf(trx, memo, org.level3_id === null ? null : Number(org.level3_id));
      if (!types.has(input.activityType)) {
        problems.push({ row: p.row.rowNumber, column: '活动类型', message: `“${input.activityType}”不是本区的活动类型，应为：${[...types].join('、')}` });
      }
    }
    if (problems.length > 0 || !org || !input) outcomes[i] = problems;
    else ready.push({ i, org, input, key: activityKeys(p, batch)[0] });
  }
  const stored = await repo.findActivityKeys(trx, ready.map((r) => ({ org_id: Number(r.org.id), held_on: heldOnOf(r.input.startsAt), starts_at: r.input.startsAt, title: r.input.title })));
  const seen = new Set(stored.map((s) => `${s.org_id}|${new Date(s.starts_at).toISOString()}|${s.title}`));
  const inserts: (NewActivity & TotalsDelta)[] = [];
  for (const r of ready) {
    if (seen.has(r.key)) {
      outcomes[r.i] = 'unchanged';
      continue;
    }
    const a = r.input;
    inserts.push({
      org_id: Number(r.org.id),
      ...placementOf(r.org),
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      held_on: heldOnOf(a.startsAt),
      title: a.title,
      activity_type: a.activityType,
      place: a.place,
      participants: a.participants,
      beneficiaries: a.beneficiaries,
      volunteers: a.volunteers,
      volunteer_minutes: a.volunteerMinutes,
      amount_fen: a.amountFen,
      foreign_related: a.foreignRelated,
      description: a.description,
      entered_by: actor.id,
      entered_as: 'import',
      import_job_id: memo.jobId || null,
    });
    outcomes[r.i] = 'inserted';
  }
  if (inserts.length > 0) {
    await repo.insertActivities(trx, inserts);
    await applyTotals(trx, inserts, 1);
    await refreshLastActivity(trx, inserts.map((a) => a.org_id));
    // One record per round, not per activity: each activity names its job (import_job_id) and who entered it, and the
    // job's own record (activity.import_file) closes it with its counts.
    const days = inserts.map((a) => a.held_on).sort();
    await writeAudit(trx, ctx, {
      action: 'activity.import',
      entityType: 'import_job',
      entityId: memo.jobId || undefined,
      regionCode: actor.region?.code ?? null,
      newValue: { activities: inserts.length, orgs: new Set(inserts.map((a) => a.org_id)).size, from: days[0], to: days[days.length - 1] },
    });
  }
  return outcomes;
}

/** The ledger's import (issue 13 item 1): the template's columns, matched by organization + start + title. */
export const activityImport = defineImport<ActivityDraft, ActivityBatch>({
  kind: 'activities',
  permission: 'activity.import',
  header: {
    columns: ACTIVITY_SHEET_COLUMNS,
    hint: /活动名称|活动主题|组织名称/,
    key: 'title',
    // A row with a start and a title is an activity, whatever its first cell says (“合计…” rows have neither).
    dataKeys: ['startsAt', 'title'],
    noHeaderMessage: '未找到表头：第一行应包含“组织名称”“开始时间”“活动名称”“活动类型”等列，请使用下载的模板',
  },
  maxRows: 200_000,
  auditAction: 'activity.import_file',
  parseRow: (row) => ({ row, ...parseActivityRow(row) }),
  loadBatch: loadActivityBatch,
  keysOf: activityKeys,
  commitRound: commitActivityRound,
});
