/**
 * Where the fact behind a credit entry lives in the web app (the subject a CreditFact names: a late annual report, a
 * penalty, a risk item, an organization's letters). A kind without a page of its own answers null.
 */
const LINKS: Record<string, (id: number) => string> = {
  annual_report: (id) => `/annual-reports/${id}`,
  penalty: (id) => `/penalties/${id}`,
  risk_item: (id) => `/risks/${id}`,
  risk: (id) => `/risks/${id}`,
  credit_entry: (id) => `/credit/${id}`,
  org: (id) => `/orgs/${id}`,
};

export function subjectLink(subject: { kind: string; id: number } | null | undefined): string | null {
  if (!subject) return null;
  const link = LINKS[subject.kind]?.(subject.id);
  return link ? link : null;
}
