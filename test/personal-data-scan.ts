import { isValidResidentId } from '../src/shared/validators.js';

/**
 * Finds personal data written out in full: resident ID numbers whose GB 11643 check digit holds, mainland mobile
 * numbers, and landlines with their area code (the stored form `0796-8221234`). A masked value (`3408**********1234`,
 * `138****5678`) is not found. Used by the leak scan over responses, logs and downloads, and by the raw-table check
 * of the encryption at rest.
 */
export interface PersonalDataFinding {
  kind: 'resident_id' | 'mobile' | 'landline';
  value: string;
  index: number;
}

const RESIDENT_ID = /(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g;
// Bounded by letters too, as an ID number is: eleven digits inside a request id (a UUID's hex) are not a phone.
const MOBILE = /(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])/g;
const LANDLINE = /(?<![0-9A-Za-z])0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}(?![0-9A-Za-z])/g;

export function findPersonalData(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(RESIDENT_ID)) {
    if (isValidResidentId(m[0].toUpperCase())) found.push({ kind: 'resident_id', value: m[0], index: m.index });
  }
  for (const m of text.matchAll(MOBILE)) found.push({ kind: 'mobile', value: m[0], index: m.index });
  for (const m of text.matchAll(LANDLINE)) found.push({ kind: 'landline', value: m[0], index: m.index });
  return found.sort((a, b) => a.index - b.index);
}
