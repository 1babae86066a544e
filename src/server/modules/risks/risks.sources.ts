import { addDays } from '../../lib/working-days.js';
import { dormantOrgs, findLiveActivities, monthsAfter, monthsBefore } from '../activities/index.js';
import { subtreeOf } from '../../lib/access.js';
import { lateReports, type LateReport } from '../annual-reports/index.js';
import { overdueSummaries } from '../declarations/index.js';
import { ruleInForce } from '../rules/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import type { RiskSignal, RiskSignalSource } from '../signals/index.js';
import * as repo from './risks.repository.js';
import { termOverdueOn } from './risks.policy.js';

/**
 * The signals the risk module finds itself from the facts of other modules (issue 14 item 5); credit and inspections
 * register theirs from their own doors. Each reads the facts as they stood on the day asked (the job reruns for a
 * past day), and names its subject so a rerun recognizes the signal.
 */

/** 长期未开展活动: the ledger's dormant organizations (社会团体登记管理条例 art. 29 for a registered social group). */
const dormant: RiskSignalSource = {
  name: 'dormant',
  kind: 'dormant',
  label: '长期未开展活动（台账）',
  async signals(db, on) {
    const out: RiskSignal[] = [];
    for (const districtId of await repo.districtIds(db)) {
      const { dormancyMonths } = await ledgerSettingsFor(db, districtId);
      // A district that recorded no activity at all in the period does not keep its ledger on the platform: its
      // organizations' silence here says nothing about them (the ledger is kept on paper), so no item is opened.
      const kept = await findLiveActivities(db, { region: subtreeOf({ id: districtId, level: 3 }), from: monthsBefore(on, dormancyMonths), to: on }, 1);
      if (kept.length === 0) continue;
      const region = { id: districtId, level: 3, level3_id: districtId };
      for (let offset = 0; ; offset += 500) {
        const page = await dormantOrgs(db, { region, asOf: on, limit: 500, offset });
        for (const o of page.items) {
          const lead = o.lastActivityOn ? `自 ${o.lastActivityOn} 最后一次台账活动以来` : `自 ${o.since} 进入名录以来`;
          out.push({
            orgId: o.id,
            kind: 'dormant',
            detectedOn: monthsAfter(o.since, dormancyMonths),
            evidence: `${lead}已满 ${dormancyMonths} 个月没有台账活动${o.statutoryMet ? '；社会团体登记后1年未开展活动，已符合《社会团体登记管理条例》第二十九条撤销登记情形' : ''}。`,
            subject: { kind: 'org', id: o.id },
            level: o.statutoryMet ? 'high' : 'medium',
          });
        }
        if (page.items.length < 500) break;
      }
    }
    return out;
  },
};

/** 年度报告逾期: reports not filed by their due date (registered forms, 社团条例 art. 28, 民非条例 art. 23). */
const annualReportOverdue: RiskSignalSource = {
  name: 'annual_report_overdue',
  kind: 'annual_report_overdue',
  label: '年度报告逾期',
  async signals(db, on) {
    // The latest late year of each organization: the duty the owner follows up now (earlier years stay on the
    // credit record, 民政部令第60号 art. 10(1)); one item per organization rather than one per year missed.
    const latest = new Map<number, LateReport>();
    for (const r of await lateReports(db, on)) if ((latest.get(r.orgId)?.year ?? -1) < r.year) latest.set(r.orgId, r);
    return [...latest.values()].map((r) => ({
      orgId: r.orgId,
      kind: 'annual_report_overdue',
      detectedOn: addDays(r.dueOn, 1),
      evidence: `${r.year}年度工作报告应于 ${r.dueOn} 前报送，${r.submittedOn ? `${r.submittedOn} 逾期报送` : `截至 ${on} 未报送`}。`,
      // The reporting year is the subject: one item per organization and year, whether a report exists yet or not.
      subject: { kind: 'annual_report_year', id: r.year },
      level: 'medium',
      resolvedOn: r.submittedOn,
    }));
  },
};

/** 重大活动总结逾期: an approved major activity whose post-event summary is past its due date. */
const summaryOverdue: RiskSignalSource = {
  name: 'declaration_summary_overdue',
  kind: 'declaration_summary_overdue',
  label: '重大活动总结逾期',
  async signals(db, on) {
    return (await overdueSummaries(db, on)).map((d) => ({
      orgId: Number(d.org_id),
      kind: 'declaration_summary_overdue',
      detectedOn: addDays(String(d.summary_due_on), 1),
      evidence: `重大活动“${d.title}”的活动总结应于 ${d.summary_due_on} 前提交，截至 ${on} 未提交。`,
      subject: { kind: 'declaration', id: Number(d.id) },
      level: 'low',
    }));
  },
};

/** 未按期换届: the last election plus the charter's term (default risk.term_overdue.defaultTermYears) before the day. */
const termOverdue: RiskSignalSource = {
  name: 'term_overdue',
  kind: 'term_overdue',
  label: '未按期换届',
  async signals(db, on) {
    const rule = await ruleInForce(db, 'risk.term_overdue', { on, districtId: null });
    const fallback = Number(rule.params.defaultTermYears ?? 5);
    const out: RiskSignal[] = [];
    for (const o of await repo.termFacts(db)) {
      const years = o.term_years ?? fallback;
      const detectedOn = termOverdueOn(o.last_election_on, years, on);
      if (!detectedOn || o.last_election_on! > on) continue;
      out.push({
        orgId: Number(o.id),
        kind: 'term_overdue',
        detectedOn,
        evidence: `上次换届 ${o.last_election_on}，章程任期 ${years} 年${o.term_years ? '' : '（章程任期未登记，按一般5年）'}，任期已于 ${addDays(detectedOn, -1)} 届满，未见换届。`,
        // The election the term ran from is the occurrence (detectedOn); the organization is the subject.
        subject: { kind: 'org_term', id: Number(o.id) },
        level: 'low',
      });
    }
    return out;
  },
};

export const OWN_SOURCES: readonly RiskSignalSource[] = [dormant, annualReportOverdue, summaryOverdue, termOverdue];
