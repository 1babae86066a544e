import type { ApplicationRow, Db } from '../../db/types.js';
import type { Application, ApplicationCheck, ApplicationData, ApplicationListItem } from '../../../shared/schemas/applications.js';
import { ORG_FIELD_LABELS } from '../../../shared/schemas/orgs.js';
import { displayValue, findOrgNames, placesOf } from '../orgs/index.js';
import { findUserNames } from '../users/index.js';
import * as repo from './applications.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function dueState(row: Pick<ApplicationRow, 'status' | 'step_due_on'>, today: string, dueSoonUntil: string): ApplicationListItem['dueState'] {
  if (row.status !== 'in_review' || !row.step_due_on) return null;
  if (row.step_due_on < today) return 'overdue';
  return row.step_due_on <= dueSoonUntil ? 'due_soon' : 'on_time';
}

export async function toListItems(db: Db, rows: ApplicationRow[], today: string, dueSoonUntil: string): Promise<ApplicationListItem[]> {
  const place = await placesOf(db, rows);
  const users = await findUserNames(db, [...new Set(rows.map((r) => Number(r.applicant_id)))]);
  const orgNames = await findOrgNames(db, [...new Set(rows.map((r) => r.org_id).filter((id): id is number => id !== null).map(Number))]);
  return rows.map((r) => {
    const data = r.data as ApplicationData;
    return {
      id: Number(r.id),
      kind: r.kind,
      status: r.status,
      name: r.name,
      legalForm: data.org?.legalForm ?? null,
      ...place(r),
      org: r.org_id ? { id: Number(r.org_id), name: orgNames.get(Number(r.org_id)) ?? '' } : null,
      steps: r.steps,
      currentStep: r.current_step,
      stepDueOn: r.step_due_on,
      dueUncertain: r.due_uncertain,
      dueState: dueState(r, today, dueSoonUntil),
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
  extra: { attachments: repo.AttachmentSummary[]; checks: ApplicationCheck[]; diff: Application['diff']; can: Application['can']; rules: Application['rules']; today: string; dueSoonUntil: string; ownData: boolean },
): Promise<Application> {
  const [item] = await toListItems(db, [row], extra.today, extra.dueSoonUntil);
  const events = await repo.findEvents(db, Number(row.id));
  const data = row.data as ApplicationData;
  return {
    ...item,
    // The applicant sees what they entered; reviewers see personal data masked (DESIGN: reveal is explicit).
    data: extra.ownData ? data : { ...data, org: { ...data.org, leaderIdNumber: displayValue('leaderIdNumber', data.org?.leaderIdNumber) as string | null, leaderPhone: displayValue('leaderPhone', data.org?.leaderPhone) as string | null }, members: data.members.map((m) => ({ ...m, phone: displayValue('leaderPhone', m.phone) as string | null })) },
    events: events.map((e) => ({
      id: Number(e.id),
      at: iso(e.at)!,
      actorName: e.actor_name,
      actorRole: e.actor_role,
      step: e.step,
      action: e.action,
      opinion: e.opinion,
      dueOn: e.due_on,
    })),
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
