import type { NewOrg, OrgRow } from '../../db/types.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import { maskPhone, maskResidentId } from '../../../shared/validators.js';
import { open, sealedColumns, sealField, type PersonalKind } from '../../lib/personal-data.js';

/**
 * Personal fields: stored sealed in three columns each (`<column>_enc`, `_masked`, `_hash`; migration 0015,
 * lib/personal-data.ts), never in clear (PIPL art. 51).
 */
export const PERSONAL_FIELDS = {
  leaderIdNumber: { column: 'leader_id_number', kind: 'resident_id' },
  leaderPhone: { column: 'leader_phone', kind: 'phone' },
} as const satisfies Record<string, { column: string; kind: PersonalKind }>;
type PersonalField = keyof typeof PERSONAL_FIELDS;
const isPersonal = (f: string): f is PersonalField => f in PERSONAL_FIELDS;

/** API field → column, for every field a user edits (regionCode is handled apart: it moves the ancestor ids). */
const FIELD_COLUMNS = {
  name: 'name',
  creditCode: 'credit_code',
  legalForm: 'legal_form',
  category: 'category',
  address: 'address',
  leaderName: 'leader_name',
  leaderIdNumber: 'leader_id_number_enc',
  leaderPhone: 'leader_phone_enc',
  individualMembers: 'individual_members',
  unitMembers: 'unit_members',
  foundedOn: 'founded_on',
  purpose: 'purpose',
  activities: 'activities',
  venue: 'venue',
  hubOrgId: 'hub_org_id',
  status: 'status',
  isDemoSite: 'is_demo_site',
  isBrand: 'is_brand',
  isIncubating: 'is_incubating',
  certificateNo: 'certificate_no',
} as const satisfies Partial<Record<keyof OrgFields, keyof OrgRow>>;

export type EditableField = keyof typeof FIELD_COLUMNS;
export const EDITABLE_FIELDS = Object.keys(FIELD_COLUMNS) as EditableField[];

/** Personal data never enters history or the audit log in clear: it shows masked there too. */
export function displayValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'leaderIdNumber') return maskResidentId(String(value));
  if (field === 'leaderPhone') return maskPhone(String(value));
  return value;
}

/**
 * What history and the audit log keep of a changed value: personal data as its masked form with the value sealed
 * beside it (readers show the masked form: lib/personal-data.ts maskJson), everything else as displayValue.
 */
export function recordedValue(field: string, value: unknown): unknown {
  if (isPersonal(field) && typeof value === 'string' && value !== '') return sealField(PERSONAL_FIELDS[field].kind, value);
  return displayValue(field, value);
}

/** Column values from API fields; empty strings become null; personal fields sealed. */
export function toColumns(fields: Partial<OrgFields>): Partial<NewOrg> {
  const out: Record<string, unknown> = {};
  for (const f of EDITABLE_FIELDS) {
    if (!(f in fields)) continue;
    const v = fields[f];
    if (isPersonal(f)) Object.assign(out, sealedColumns(PERSONAL_FIELDS[f].column, PERSONAL_FIELDS[f].kind, v as string | null | undefined));
    else out[FIELD_COLUMNS[f]] = v === '' || v === undefined ? null : v;
  }
  return out as Partial<NewOrg>;
}

/** A stored field's value; a personal one opened, for the server's own use (merging an edit, comparing). */
export function fieldValue(row: OrgRow, field: EditableField): unknown {
  const v = row[FIELD_COLUMNS[field]];
  if (isPersonal(field)) return typeof v === 'string' ? open(v) : null;
  return typeof v === 'bigint' ? Number(v) : v;
}
