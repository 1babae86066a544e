import type { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { requireAccess } from '../../lib/access.js';
import { writeAudit } from '../../lib/audit.js';
import { maskJson } from '../../lib/personal-data.js';
import { AUDIT_ACTION_LABELS, type AuditEntry, type AuditFilter, type AuditListQuery } from '../../../shared/schemas/audit.js';
import * as repo from './audit.repository.js';
import { streamSheet } from '../../lib/sheets/write.js';

type Row = Awaited<ReturnType<typeof repo.listAudit>>['items'][number];

function toEntry(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    // Personal values are stored masked + sealed: the log shows the masked form, never opened here.
    oldValue: maskJson(r.old_value),
    newValue: maskJson(r.new_value),
    requestId: r.request_id,
    ip: r.ip,
    regionCode: r.region_code,
  };
}

export async function listAudit(db: Kysely<DB>, ctx: RequestContext, query: AuditListQuery) {
  requireAccess(ctx.actor, 'audit.read');
  const { page, pageSize, ...filter } = query;
  const { items, total } = await repo.listAudit(db, filter, (page - 1) * pageSize, pageSize);
  return { items: items.map(toEntry), total };
}

const beijingTime = (d: Date) =>
  d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** Streams the filtered log as .xlsx; the export is itself audited. */
export async function exportAudit(db: Kysely<DB>, ctx: RequestContext, filter: AuditFilter): Promise<PassThrough> {
  requireAccess(ctx.actor, 'audit.read');
  await writeAudit(db, ctx, { action: 'audit.export', entityType: 'audit_log', newValue: filter });
  async function* pages() {
    for await (const rows of repo.iterateAudit(db, filter)) {
      yield rows.map((r) => [
        Number(r.id),
        beijingTime(new Date(r.at)),
        r.actor_name ?? '',
        AUDIT_ACTION_LABELS[r.action] ?? r.action,
        r.action,
        r.entity_type ?? '',
        r.entity_id ?? '',
        r.region_code ?? '',
        r.old_value === null ? '' : JSON.stringify(maskJson(r.old_value)),
        r.new_value === null ? '' : JSON.stringify(maskJson(r.new_value)),
        r.ip ?? '',
        r.request_id ?? '',
      ]);
    }
  }
  return streamSheet({
    sheetName: '审计日志',
    columns: [
      { header: '编号', width: 10 },
      { header: '时间（北京时间）', width: 22 },
      { header: '操作人', width: 18 },
      { header: '操作', width: 16 },
      { header: '操作代码', width: 24 },
      { header: '对象类型', width: 12 },
      { header: '对象编号', width: 18 },
      { header: '区划代码', width: 16 },
      { header: '原值', width: 40 },
      { header: '新值', width: 40 },
      { header: 'IP', width: 16 },
      { header: '请求编号', width: 38 },
    ],
    pages: pages(),
  });
}
