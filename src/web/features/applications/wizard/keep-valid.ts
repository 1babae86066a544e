import type { ApplicationData } from '../../../../shared/schemas/applications.js';

// What a draft save leaves out when a field fails its rules (issue 22 item 3). Pure and free of React, so the
// suite (no DOM) tests it: test/wizard-keep-valid.test.ts.

type Path = (string | number)[];

/** Whether a form value counts as typed (an empty field is "not filled yet", never "invalid"). */
export const isFilled = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined);

/** A form path as a path into ApplicationData: member rows are counted without the empty ones dataOf leaves out. */
export function dataPathOf(path: Path, v: { members?: ({ name?: string } | undefined)[] }): Path {
  if (path[0] !== 'members' || typeof path[1] !== 'number') return path;
  const rows = v.members ?? [];
  const before = rows.slice(0, path[1]).filter((m) => (m?.name ?? '').trim()).length;
  return ['members', before, ...path.slice(2)];
}

/**
 * The draft with what fails its rules left out, so one wrong value never costs the rest (issue 22 item 3: a pasted
 * 22-person list is kept when one check digit is wrong). `invalid` are ApplicationData paths (the server's field
 * names without `data.`, or dataPathOf of a form path); `saved` is the last draft the server accepted. A proposed
 * field falls back to its saved value; a member row keeps its name and loses only the bad phone (a bad name drops
 * the row); a whole-list or other top-level problem keeps the saved value.
 */
export function keepValid(data: ApplicationData, invalid: Path[], saved: ApplicationData): ApplicationData {
  const org: Record<string, unknown> = { ...data.org };
  const savedOrg = saved.org as Record<string, unknown>;
  let members: (ApplicationData['members'][number] | null)[] = [...data.members];
  const out: Record<string, unknown> = { ...data };
  for (const [head, second, third] of invalid) {
    if (head === 'org' && typeof second === 'string') {
      if (savedOrg[second] === undefined) delete org[second];
      else org[second] = savedOrg[second];
    } else if (head === 'members' && typeof second === 'number' && members[second]) {
      members[second] = third === 'phone' ? { ...members[second]!, phone: null } : null;
    } else if (head === 'members') {
      members = [...saved.members];
    } else if (typeof head === 'string' && head !== 'org') {
      out[head] = (saved as Record<string, unknown>)[head] ?? null;
    }
  }
  return { ...(out as ApplicationData), org: org as ApplicationData['org'], members: members.filter((m) => m !== null) };
}
