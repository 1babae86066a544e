import type { Db } from '../../db/types.js';
import { maskJson } from '../../lib/personal-data.js';
import { placesOf } from '../orgs/index.js';
import {
  AnnualReportSections,
  type AnnualReportListItem,
  type AnnualReportSections as Sections,
  type ReportingForm,
} from '../../../shared/schemas/annual-reports.js';
import type { ReviewStep } from '../../../shared/enums.js';
import type { ReportRow } from './annual-reports.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The sections as readers see them: sealed ID numbers and phones replaced by their masked forms, and parsed with the
 * report's form so every field is there (a field added to the schema later reads as empty, not as missing).
 */
export function readableSections(form: ReportingForm, stored: unknown): Sections {
  const masked = maskJson(stored);
  const parsed = AnnualReportSections[form].safeParse(masked);
  // A stored document always parsed when it was saved; a schema that has since grown a rule still shows it as stored.
  return (parsed.success ? parsed.data : masked) as Sections;
}

export type Listed = ReportRow & { org_name: string; credit_code: string | null; current_step: string | null };

export async function toListItems(db: Db, rows: Listed[]): Promise<AnnualReportListItem[]> {
  const place = await placesOf(db, rows);
  return rows.map((r) => toListItem(r, place(r)));
}

export function toListItem(r: Listed, place: { region: AnnualReportListItem['region']; regionPath: string }): AnnualReportListItem {
  return {
    id: Number(r.id),
    org: { id: Number(r.org_id), name: r.org_name, creditCode: r.credit_code },
    year: r.year,
    legalForm: r.legal_form,
    ...place,
    status: r.status,
    dueOn: r.due_on,
    submittedAt: iso(r.submitted_at),
    onTime: r.on_time,
    correctionDueOn: r.correction_due_on,
    lateCorrection: r.late_correction,
    conclusion: r.conclusion,
    concludedAt: iso(r.concluded_at),
    currentStep: (r.current_step as ReviewStep | null) ?? null,
    version: r.version,
    updatedAt: iso(r.updated_at)!,
  };
}
