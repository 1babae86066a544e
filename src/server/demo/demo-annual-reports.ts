import PDFDocument from 'pdfkit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { Actor, RequestContext } from '../lib/context.js';
import { placementColumns } from '../lib/access.js';
import { sealBytes, sealJson } from '../lib/personal-data.js';
import { addDays, todayInChina } from '../lib/working-days.js';
import { findRegionById } from '../modules/regions/index.js';
import { submitCase } from '../modules/reviews/index.js';
import '../db/types-annual-reports.js';
import type { NewAnnualReport } from '../db/types-annual-reports.js';
import { AnnualReportSections, EXPENSE_CATEGORIES_BY_FORM, INCOME_CATEGORIES_BY_FORM, isReportingForm, type ReportingForm } from '../../shared/schemas/annual-reports.js';
import { rng } from './demo-orgs.js';
import { actorOf } from './demo-applications.js';
import { dueOrgsOf } from '../modules/annual-reports/annual-reports.rates.js';
import { reviewReport } from '../modules/annual-reports/annual-reports.review.js';

type Rng = ReturnType<typeof rng>;

function demoScan(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text('Demo scan: signed declaration page').fontSize(11).text('Shezu demo data - not a real document.');
  doc.end();
  return done;
}

interface DueOrg {
  id: number;
  name: string;
  legal_form: ReportingForm;
  region_id: number;
  address: string | null;
  leader_name: string | null;
  credit_code: string | null;
  individual_members: number | null;
  founded_on: string | null;
  due_on: string;
}

/** Plausible sections whose figures add up (fen); `scale` moves last year's figures a little. */
function sectionsFor(o: DueOrg, r: Rng, year: number, ledger: number, scale = 1) {
  const form = o.legal_form;
  const big = form === 'filed' ? 1 : 20;
  const money = (lo: number, hi: number) => Math.round(r.int(lo, hi) * big * scale) * 100;
  const income = Object.fromEntries(INCOME_CATEGORIES_BY_FORM[form].map((k, i) => [k, i === 0 ? money(500, 5000) : r.next() < 0.5 ? money(0, 3000) : 0]));
  const expenses = Object.fromEntries(EXPENSE_CATEGORIES_BY_FORM[form].map((k, i) => [k, i === 0 ? money(400, 4000) : r.next() < 0.5 ? money(0, 1000) : 0]));
  const sum = (x: Record<string, number>) => Object.values(x).reduce((s, v) => s + v, 0);
  const assets = money(1000, 20000);
  const liabilities = Math.round(assets * r.int(0, 30)) / 100;
  const members = Math.round((o.individual_members ?? r.int(15, 80)) * scale);
  return AnnualReportSections[form].parse({
    basic: { name: o.name, creditCode: o.credit_code, address: o.address ?? '吉州区', leaderName: o.leader_name ?? '负责人', foundedOn: o.founded_on, staffCount: form === 'filed' ? 0 : r.int(2, 12) },
    activities: { claimedCount: ledger || r.int(4, 24), participants: r.int(80, 1200), volunteerHours: r.int(0, 600), summary: `${year} 年围绕章程开展活动，服务社区居民。` },
    finances: { income, incomeTotal: sum(income), expenses, expenseTotal: sum(expenses), assets, liabilities: Math.round(liabilities), netAssets: assets - Math.round(liabilities) },
    ...(form === 'foundation' ? {} : { members: { individual: members, unit: 0, joined: r.int(0, 6), left: r.int(0, 3) } }),
    governance: { councilMeetings: r.int(1, 4), memberAssemblies: 1, lastElectionOn: `${year - r.int(0, 4)}-0${r.int(1, 9)}-15`, termYears: form === 'filed' ? 3 : 5, electionHeldThisYear: r.next() < 0.2 },
    declaration: { signerName: o.leader_name ?? '负责人', signedOn: `${year + 1}-0${r.int(1, 3)}-1${r.int(0, 9)}` },
  });
}


const CANGKOU = '360802003009';
const WENSHAN = '360802003';

/**
 * Last year's annual reports of 吉州区 (the year the board inspects today): most concluded 合格, some 基本合格, a few
 * 不合格, about one in twelve missing, a few drafts, and a few still in review on the real chain (filed ones placed at
 * 文山街道 at the street, one of them returned for correction; two registered ones at the district), each with the
 * year before concluded so the reviewer's diff has figures. Deterministic (seeded); this year has none yet. Entered
 * by the district's demo account where no filer account exists (paper reports keyed in at the office).
 */
export async function seedDemoAnnualReports(db: Kysely<DB>): Promise<{ year: number; concluded: number; inReview: number; missing: number } | null> {
  if (await db.selectFrom('annual_reports').select('id').limit(1).executeTakeFirst()) return null;
  const today = todayInChina();
  const year = Number(today.slice(0, 4)) - 1;
  const district = await db.selectFrom('regions').selectAll().where('code', '=', '360802').executeTakeFirst();
  if (!district) return null;
  const due = (await dueOrgsOf(db, district, year, today)).sort((a, b) => a.id - b.id);
  const orgs = await db.selectFrom('orgs').select(['id', 'address', 'leader_name', 'credit_code', 'individual_members', 'founded_on', 'region_id']).where('id', 'in', due.length ? due.map((d) => d.id) : [0]).execute();
  const byId = new Map(orgs.map((o) => [Number(o.id), o]));
  const ledger = new Map(
    (await sql<{ org_id: string; n: string }>`SELECT org_id, count(*) AS n FROM activities WHERE deleted_at IS NULL AND held_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date GROUP BY org_id`.execute(db)).rows.map((x) => [Number(x.org_id), Number(x.n)]),
  );
  const regions = new Map<number, Awaited<ReturnType<typeof findRegionById>>>();
  const regionOf = async (id: number) => (regions.has(id) ? regions.get(id)! : (regions.set(id, await findRegionById(db, id)), regions.get(id)!));
  const [admin, street] = await Promise.all([actorOf(db, 'jizhou-admin'), actorOf(db, 'wenshan-reviewer')]);
  const scan = sealBytes(await demoScan());
  const r = rng(2025);
  const rows: NewAnnualReport[] = [];
  const review: { org: DueOrg; by: Actor; then?: 'return' }[] = [];
  let streetInReview = 0;
  let registeredInReview = 0;
  let wenshanMissing = 0;
  let forcedFail = false;
  let missing = 0;

  const base = async (o: DueOrg, y: number, sections: unknown, by: number) => {
    const region = (await regionOf(o.region_id))!;
    return { org_id: o.id, ...placementColumns(region), year: y, legal_form: o.legal_form, sections: JSON.stringify(sealJson(sections)), due_on: o.due_on, created_by: by, created_at: new Date(`${y + 1}-01-05T09:00:00+08:00`) };
  };
  for (const d of due) {
    const row = byId.get(d.id);
    if (!row || !isReportingForm(d.legal_form)) continue;
    const o: DueOrg = { ...row, id: d.id, name: d.name, legal_form: d.legal_form, region_id: Number(row.region_id), due_on: d.due_on };
    const code = (await regionOf(o.region_id))!.code;
    const x = r.next();
    // Filed organizations placed at 文山街道 itself report to the street alone: two wait there, one is returned.
    if (code === WENSHAN && d.legal_form === 'filed' && streetInReview < 3) {
      review.push({ org: o, by: admin, then: streetInReview === 2 ? 'return' : undefined });
      streetInReview++;
      continue;
    }
    // Two registered organizations wait for the district's inspection.
    if (d.legal_form !== 'filed' && registeredInReview < 2 && x > 0.85) {
      review.push({ org: o, by: admin });
      registeredInReview++;
      continue;
    }
    // About one in twelve never filed; 文山街道 has at least one such gap in its communities.
    if (x < 0.08 || (code.startsWith(WENSHAN) && code !== CANGKOU && code !== WENSHAN && wenshanMissing === 0)) {
      if (code.startsWith(WENSHAN)) wenshanMissing++;
      missing++;
      continue;
    }
    const sections = sectionsFor(o, r, year, ledger.get(o.id) ?? 0);
    // Keyed in at the district office (no filer account of the demo reaches these organizations).
    const creator = admin.id;
    if (x < 0.12) {
      rows.push({ ...(await base(o, year, sections, creator)), status: 'draft' });
      continue;
    }
    const dueOn = o.due_on;
    const late = r.next() < 0.07;
    const submittedOn = [late ? addDays(dueOn, r.int(1, 40)) : addDays(dueOn, -r.int(0, 50)), today].sort()[0]!;
    const concludedOn = [addDays(submittedOn, r.int(15, 60)), today].sort()[0]!;
    const y = r.next();
    const conclusion = !forcedFail && o.legal_form !== 'filed' ? 'fail' : y < 0.04 ? 'fail' : y < 0.18 ? 'basic_pass' : 'pass';
    if (conclusion === 'fail') forcedFail = true;
    const opinion = conclusion === 'pass' ? '符合要求，年检合格' : conclusion === 'basic_pass' ? '财务台账不够规范，限期整改' : '未按章程按期换届，财务管理混乱，责令整改';
    rows.push({
      ...(await base(o, year, sections, creator)),
      status: 'concluded', submitted_at: new Date(`${submittedOn}T10:00:00+08:00`), submitted_on: submittedOn, on_time: submittedOn <= dueOn,
      conclusion, opinion, concluded_at: new Date(`${concludedOn}T15:00:00+08:00`), concluded_on: concludedOn,
      concluded_by: o.legal_form === 'filed' ? ((await regionOf(o.region_id))!.code.startsWith('360802003') ? street.id : null) : admin.id,
      scan_filename: '声明签章页.pdf', scan_mime_type: 'application/pdf', scan_size_bytes: scan.length, scan_content: scan, scan_uploaded_at: new Date(`${submittedOn}T09:00:00+08:00`), scan_uploaded_by: creator,
    });
  }
  // The year before for those in review, concluded 合格, so the reviewer sees the year-over-year diff.
  // The same draws as this year's (seeded by the organization), a little smaller; the first a lot smaller, so the
  // reviewer's diff shows a large change too.
  for (const [i, { org }] of review.entries()) {
    const prev = sectionsFor(org, rng(org.id), year - 1, ledger.get(org.id) ?? 0, i === 0 ? 0.4 : 0.92);
    rows.push({ ...(await base(org, year - 1, prev, admin.id)), due_on: `${year}-05-31`, status: 'concluded', submitted_at: new Date(`${year}-03-20T10:00:00+08:00`), submitted_on: `${year}-03-20`, on_time: true, conclusion: 'pass', opinion: '符合要求，年检合格', concluded_at: new Date(`${year}-04-20T15:00:00+08:00`), concluded_on: `${year}-04-20` });
  }
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('annual_reports').values(rows.slice(i, i + 100)).execute();

  // In review on the real chain: the case, its trail and its audit record, as a filer's submission makes them.
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-seed', ip: null });
  for (const { org, by, then } of review) {
    const sections = sectionsFor(org, rng(org.id), year, ledger.get(org.id) ?? 0);
    const dueOn = org.due_on;
    const submittedOn = [addDays(dueOn, -r.int(0, 20)), today].sort()[0]!;
    const [{ id }] = await db
      .insertInto('annual_reports')
      .values({
        ...(await base(org, year, sections, by.id)), status: 'submitted', submitted_at: new Date(`${submittedOn}T10:00:00+08:00`), submitted_on: submittedOn, on_time: submittedOn <= dueOn,
        scan_filename: '声明签章页.pdf', scan_mime_type: 'application/pdf', scan_size_bytes: scan.length, scan_content: scan, scan_uploaded_at: new Date(), scan_uploaded_by: by.id,
      })
      .returning('id')
      .execute();
    await submitCase(db, ctx(by), { kind: 'annual_report', subjectId: Number(id), title: `${org.name} ${year} 年度报告`, regionId: org.region_id });
    if (then === 'return') await reviewReport(db, ctx(street), Number(id), { decision: 'return', opinion: '请补充全年活动照片和收支明细' });
  }
  return { year, concluded: rows.filter((x) => x.status === 'concluded' && x.year === year).length, inReview: review.length, missing };
}
