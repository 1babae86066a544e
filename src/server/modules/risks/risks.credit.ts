import type { CreditSource } from '../credit/index.js';
import { RISK_KIND_LABELS } from '../../../shared/schemas/risks.js';
import * as repo from './risks.repository.js';
import { rectificationOverdue } from './risks.policy.js';

/**
 * Rectification not finished by its deadline (民政部令第60号 art. 10(3), rule credit.abnormal.rectification): a
 * proposal for the abnormal list, for the district to confirm, from a risk item whose rectification notice set a
 * deadline that passed without a verified rectification. Remedied on the day a later verification found it done.
 */
export const rectificationCreditSource: CreditSource = {
  name: 'risk_rectification',
  label: '风险整改逾期',
  async facts(db, on) {
    const out = [];
    for (const r of await repo.rectificationCandidates(db, on)) {
      const fact = rectificationOverdue(r, on);
      if (!fact) continue;
      out.push({
        orgId: Number(r.org_id),
        ground: 'credit.abnormal.rectification',
        factOn: fact.factOn,
        evidence: `${r.name}经约谈（${r.interviewed_on}）下达整改通知（${RISK_KIND_LABELS[r.kind]}），整改期限 ${r.rectify_due_on}，逾期未完成整改。`,
        subject: { kind: 'risk_item', id: Number(r.id) },
        propose: true,
        remediedOn: fact.remediedOn,
      });
    }
    return out;
  },
};
