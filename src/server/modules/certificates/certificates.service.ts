import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CertificateRow, DB, OrgRow, RegionRow, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { requireAccess } from '../../lib/access.js';
import { LEGAL_FORM_LABELS, type LegalForm } from '../../../shared/enums.js';
import type { PublicCertificate } from '../../../shared/schemas/applications.js';
import { loadOrgFor, placesOf } from '../orgs/index.js';
import * as repo from './certificates.repository.js';
import { renderCertificatePdf } from './certificates.pdf.js';


/** Public fields only: the verification page shows nothing else. */
interface CertificateDetails {
  orgName: string;
  legalForm: LegalForm;
  category: string;
  regionPath: string;
  creditCode: string | null;
}

// No 0/O or 1/I: the suffix is read off paper. Four random characters keep numbers from being enumerated.
const SUFFIX_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** 备案证明 BA-…, registration DJ-…: kind, district, year, serial, random suffix. */
export async function newCertificateNumber(db: Db, kind: 'filing' | 'registration', districtCode: string, on: string): Promise<string> {
  const serial = String(await repo.nextSerial(db)).padStart(5, '0');
  const suffix = Array.from({ length: 4 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join('');
  return `${kind === 'filing' ? 'BA' : 'DJ'}-${districtCode}-${on.slice(0, 4)}-${serial}-${suffix}`;
}

/** The office that issues: the street office or town government for a filing, else the district bureau. */
export function issuerName(district: RegionRow, street: RegionRow | null): string {
  if (!street) return `${district.name}民政局`;
  const suffix = street.kind === 'street' ? '办事处' : '人民政府';
  return `${district.name}${street.name}${suffix}`;
}

/**
 * Records a certificate for an organization as it now stands (inside the approval's transaction); the
 * organization's earlier valid certificate is superseded by it.
 */
export async function recordCertificate(
  trx: Transaction<DB>,
  ctx: RequestContext,
  c: { number: string; kind: 'filing' | 'registration'; org: OrgRow; applicationId: number; issuer: string; issuerRegionId: number; issuedOn: string },
) {
  const place = (await placesOf(trx, [c.org]))(c.org);
  const details: CertificateDetails = { orgName: c.org.name, legalForm: c.org.legal_form, category: c.org.category, regionPath: place.regionPath, creditCode: c.org.credit_code };
  await repo.insertCertificate(trx, {
    number: c.number,
    org_id: Number(c.org.id),
    application_id: c.applicationId,
    kind: c.kind,
    status: 'valid',
    issued_on: c.issuedOn,
    issuer_name: c.issuer,
    issuer_region_id: c.issuerRegionId,
    details,
  });
  await repo.supersedeValid(trx, Number(c.org.id), c.number);
  await writeAudit(trx, ctx, { action: 'certificate.issue', entityType: 'certificate', entityId: c.number, regionCode: place.region.code, newValue: { orgId: Number(c.org.id), kind: c.kind, applicationId: c.applicationId } });
}

export async function revokeCertificates(trx: Transaction<DB>, ctx: RequestContext, orgId: number, on: string) {
  const n = await repo.revokeValid(trx, orgId, on);
  if (n > 0) await writeAudit(trx, ctx, { action: 'certificate.revoke', entityType: 'org', entityId: orgId, newValue: { revokedOn: on, count: n } });
}

function publicView(row: CertificateRow): PublicCertificate {
  const d = row.details as CertificateDetails;
  return {
    number: row.number,
    status: row.status,
    kind: row.kind,
    orgName: d.orgName,
    legalForm: d.legalForm,
    category: d.category,
    regionPath: d.regionPath,
    creditCode: d.creditCode,
    issuedOn: row.issued_on,
    issuer: row.issuer_name,
    supersededBy: row.superseded_by,
    revokedOn: row.revoked_on,
    publicOrgId: Number(row.org_id),
  };
}

export async function getPublicCertificate(db: Kysely<DB>, number: string): Promise<PublicCertificate> {
  const row = await repo.findCertificate(db, number);
  if (!row) throw errors.notFound('certificate');
  return publicView(row);
}

const STATUS_NOTE: Record<CertificateRow['status'], string | null> = {
  valid: null,
  superseded: '本证书已因变更由新证书取代，仅供存档',
  revoked: '本证书已因注销作废，仅供存档',
};

/** The PDF for those who may see the organization (its leader, or staff of its jurisdiction); each download audited. */
export async function certificatePdf(db: Kysely<DB>, ctx: RequestContext, number: string, baseUrl: string): Promise<Buffer> {
  requireAccess(ctx.actor, 'certificate.read');
  const row = await repo.findCertificate(db, number);
  if (!row) throw errors.notFound('certificate');
  // Outside the actor's reach the certificate is as unknown as a number never issued.
  const org = await loadOrgFor(db, ctx, Number(row.org_id), 'certificate.read', 'certificate');
  const d = row.details as CertificateDetails;
  const pdf = await renderCertificatePdf({
    title: row.kind === 'filing' ? '社区社会组织备案证明' : '社会组织登记证书（记录）',
    number: row.number,
    rows: [
      ['组织名称', d.orgName],
      ['组织形式', LEGAL_FORM_LABELS[d.legalForm]],
      ['类别', d.category],
      ...(d.creditCode ? ([['统一社会信用代码', d.creditCode]] as [string, string][]) : []),
      ['负责人', org.leader_name ?? ''],
      ['所在地', d.regionPath],
      ['活动场所', org.venue ?? org.address ?? ''],
      ['宗旨', org.purpose ?? ''],
    ],
    issuer: row.issuer_name,
    issuedOn: row.issued_on,
    statusNote: STATUS_NOTE[row.status],
    verifyUrl: `${baseUrl}/verify/${row.number}`,
  });
  await writeAudit(db, ctx, { action: 'certificate.download', entityType: 'certificate', entityId: row.number, newValue: { orgId: Number(org.id) } });
  return pdf;
}
