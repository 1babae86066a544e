import dayjs, { type Dayjs } from 'dayjs';
import { REGISTERED_FORMS, type LegalForm, type OrgStatus } from '../../../../shared/enums.js';
import type { OrgCreateBody } from '../../../../shared/schemas/orgs.js';
import type { Org } from '../orgs.api.js';

// The organization form as data: its values, the API body made from them, the stored record in the same shape (to
// send only what changed), and the rules of place and date. No React here; OrgFormPage holds the state, the section
// components in this folder show the fields.

export interface Values {
  name: string;
  legalForm?: LegalForm;
  creditCode?: string;
  category?: string;
  regionCode?: string | null;
  address?: string;
  foundedOn?: Dayjs | null;
  status?: OrgStatus;
  certificateNo?: string;
  leaderName?: string;
  /** On edit: undefined keeps the stored number, null clears it (see PersonalInput). */
  leaderIdNumber?: string | null;
  leaderPhone?: string | null;
  individualMembers?: number | null;
  unitMembers?: number | null;
  purpose?: string;
  activities?: string;
  venue?: string;
  hubOrgId?: number | null;
  isDemoSite?: boolean;
  isBrand?: boolean;
  isIncubating?: boolean;
  reason?: string;
}

/** The fields the API takes, as the form holds them (everything but the personal fields and the reason). */
export type Body = Omit<OrgCreateBody, 'leaderIdNumber' | 'leaderPhone'>;

// 民政部令 and the server's rules (orgs.policy.ts): founding dates before the PRC are typos.
export const EARLIEST = dayjs('1949-10-01');
// Registered organizations may sit at the district that registered them; filed and grassroots ones at a street or below.
export const minLevel = (form?: LegalForm) => (form && REGISTERED_FORMS.includes(form) ? 3 : 4);

export const text = (v: string | undefined | null) => {
  const s = v?.trim();
  return s ? s : null;
};

export function bodyOf(v: Values): Body {
  return {
    name: v.name.trim(),
    legalForm: v.legalForm!,
    creditCode: text(v.creditCode)?.toUpperCase() ?? null,
    category: v.category!,
    regionCode: v.regionCode!,
    address: text(v.address),
    leaderName: text(v.leaderName),
    individualMembers: v.individualMembers ?? null,
    unitMembers: v.unitMembers ?? null,
    foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
    purpose: text(v.purpose),
    activities: text(v.activities),
    venue: text(v.venue),
    hubOrgId: v.hubOrgId ?? null,
    status: v.status,
    isDemoSite: !!v.isDemoSite,
    isBrand: !!v.isBrand,
    isIncubating: !!v.isIncubating,
    certificateNo: text(v.certificateNo),
  };
}

/** The stored record in the same shape, to send only what the user changed (the history shows exactly that). */
export function bodyOfOrg(o: Org): Body {
  return {
    name: o.name,
    legalForm: o.legalForm,
    creditCode: o.creditCode,
    category: o.category,
    regionCode: o.region.code,
    address: o.address,
    leaderName: o.leaderName,
    individualMembers: o.individualMembers,
    unitMembers: o.unitMembers,
    foundedOn: o.foundedOn,
    purpose: o.purpose,
    activities: o.activities,
    venue: o.venue,
    hubOrgId: o.hub?.id ?? null,
    status: o.status,
    isDemoSite: o.isDemoSite,
    isBrand: o.isBrand,
    isIncubating: o.isIncubating,
    certificateNo: o.certificateNo,
  };
}

export function valuesOf(o: Org): Values {
  return {
    name: o.name,
    legalForm: o.legalForm,
    creditCode: o.creditCode ?? '',
    category: o.category,
    regionCode: o.region.code,
    address: o.address ?? '',
    foundedOn: o.foundedOn ? dayjs(o.foundedOn) : null,
    status: o.status,
    certificateNo: o.certificateNo ?? '',
    leaderName: o.leaderName ?? '',
    leaderIdNumber: undefined,
    leaderPhone: undefined,
    individualMembers: o.individualMembers,
    unitMembers: o.unitMembers,
    purpose: o.purpose ?? '',
    activities: o.activities ?? '',
    venue: o.venue ?? '',
    hubOrgId: o.hub?.id ?? null,
    isDemoSite: o.isDemoSite,
    isBrand: o.isBrand,
    isIncubating: o.isIncubating,
    reason: '',
  };
}

export const NEW_VALUES: Partial<Values> = { status: 'active', isDemoSite: false, isBrand: false, isIncubating: false, regionCode: null, hubOrgId: null };
