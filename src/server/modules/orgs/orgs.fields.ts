import type { NewOrg, OrgRow } from '../../db/types.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import { maskPhone, maskResidentId } from '../../../shared/validators.js';

/** API field → column, for every field a user edits (regionCode is handled apart: it moves the ancestor ids). */
export const FIELD_COLUMNS = {
  name: 'name',
  creditCode: 'credit_code',
  legalForm: 'legal_form',
  category: 'category',
  address: 'address',
  leaderName: 'leader_name',
  leaderIdNumber: 'leader_id_number',
  leaderPhone: 'leader_phone',
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

/** Column values from API fields; empty strings become null. */
export function toColumns(fields: Partial<OrgFields>): Partial<NewOrg> {
  const out: Record<string, unknown> = {};
  for (const f of EDITABLE_FIELDS) {
    if (!(f in fields)) continue;
    const v = fields[f];
    out[FIELD_COLUMNS[f]] = v === '' || v === undefined ? null : v;
  }
  return out as Partial<NewOrg>;
}

export function fieldValue(row: OrgRow, field: EditableField): unknown {
  const v = row[FIELD_COLUMNS[field]];
  return typeof v === 'bigint' ? Number(v) : v;
}
