import type { ApplicationRow, Db, ReviewCaseRow } from '../../db/types.js';
import type { Application, ApplicationCheck, ApplicationData, ApplicationListItem } from '../../../shared/schemas/applications.js';
import { ORG_FIELD_LABELS } from '../../../shared/schemas/orgs.js';
import { displayValue, findOrgNames, placesOf } from '../orgs/index.js';
import { findUserNames } from '../users/index.js';
import { caseEvents, dueStateOf } from '../reviews/index.js';
import * as repo from './applications.repository.js';
import { maskJson } from '../../lib/personal-data.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** List rows: the application's own fields, and its chain (steps, step, due date) from its review case. */
export async function toListItems(db: Db, rows: ApplicationRow[], cases: Map<number, ReviewCaseRow>, today: string, dueSoonUntil: string): Promise<ApplicationListItem[]> {
  const place = await placesOf(db, rows);
  const users = await findUserNames(db, [...new Set(rows.map((r) => Number(r.applicant_id)))]);
  const orgNames = await findOrgNames(db, [...new Set(rows.map((r) => r.org_id).filter((id): id is number => id !== null).map(Number))]);
  return rows.map((r) => {
    const data = r.data as ApplicationData;
    // A draft (and a draft withdrawn) has no case: no steps yet.
    const c = cases.get(Number(r.id));
    return {
      id: Number(r.id),
      kind: r.kind,
      status: r.status,
      name: r.name,
      legalForm: data.org?.legalForm ?? null,
      ...place(r),
      org: r.org_id ? { id: Number(r.org_id), name: orgNames.get(Number(r.org_id)) ?? '' } : null,
      steps: c?.steps ?? [],
      currentStep: c?.current_step ?? null,
      stepDueOn: c?.step_due_on ?? null,
      dueUncertain: c?.due_uncertain ?? false,
      dueState: c ? dueStateOf(c, today, dueSoonUntil) : null,
      applicant: { id: Number(r.applicant_id), displayName: users.get(Number(r.applicant_id)) ?? '' },
      onBehalf: r.on_behalf,
      submittedAt: iso(r.submitted_at),
      decidedAt: iso(r.decided_at),
      certificateNo: r.certificate_no,
      version: r.version,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    };
  });
}

/** A change shown field by field: the current record against the proposal (personal data masked). */
export function diffOf(current: Record<string, unknown>, proposed: Record<string, unknown>): NonNullable<Application['diff']> {
  const out: NonNullable<Application['diff']> = [];
  for (const [field, to] of Object.entries(proposed)) {
    const from = current[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to ?? null)) continue;
    out.push({ field, label: ORG_FIELD_LABELS[field] ?? field, from: displayValue(field, from), to: displayValue(field, to) });
  }
  return out;
}

export async function toApplication(
  db: Db,
  row: ApplicationRow,
  extra: { reviewCase: ReviewCaseRow | undefined; attachments: repo.AttachmentSummary[]; checks: ApplicationCheck[]; diff: Application['diff']; can: Application['can']; rules: Application['rules']; today: string; dueSoonUntil: string },
): Promise<Application> {
  const cases = new Map(extra.reviewCase ? [[Number(row.id), extra.reviewCase]] : []);
  const [item] = await toListItems(db, [row], cases, extra.today, extra.dueSoonUntil);
  // The trail: the draft's own entries (created, a draft withdrawn) and the chain's, in the order they happened.
  const own = (await repo.findEvents(db, Number(row.id))).map((e) => ({
    id: Number(e.id),
    at: iso(e.at)!,
    actorName: e.actor_name,
    actorRole: e.actor_role,
    step: e.step,
    action: e.action,
    opinion: e.opinion,
    dueOn: e.due_on,
  }));
  const chain = extra.reviewCase ? await caseEvents(db, Number(extra.reviewCase.id)) : [];
  const events = [...own, ...chain].sort((a, b) => a.at.localeCompare(b.at));
  const data = row.data as ApplicationData;
  return {
    ...item,
    // Everyone, the applicant too, sees the stored masked forms; nothing is opened for a response (DESIGN: reveal is
    // explicit). A form sends an untouched masked value back and the update keeps its sealed value (keepSealed).
    data: maskJson(data),
    events,
    attachments: extra.attachments.map((a) => ({
      id: Number(a.id),
      kind: a.kind as Application['attachments'][number]['kind'],
      filename: a.filename,
      mimeType: a.mime_type,
      sizeBytes: a.size_bytes,
      uploadedAt: iso(a.uploaded_at)!,
    })),
    checks: extra.checks,
    diff: extra.diff,
    can: extra.can,
    rules: extra.rules,
  };
}
