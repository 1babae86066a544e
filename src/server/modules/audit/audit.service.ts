import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { requireAccess } from '../../lib/access.js';
import { writeAudit } from '../../lib/audit.js';
import { AUDIT_ACTION_LABELS, type AuditEntry, type AuditFilter, type AuditListQuery } from '../../../shared/schemas/audit.js';
import * as repo from './audit.repository.js';
import { zipCaughtUp } from '../../lib/xlsx-stream.js';

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
    oldValue: r.old_value,
    newValue: r.new_value,
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
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('审计日志');
  sheet.columns = [
    { header: '编号', key: 'id', width: 10 },
    { header: '时间（北京时间）', key: 'at', width: 22 },
    { header: '操作人', key: 'actor', width: 18 },
    { header: '操作', key: 'action', width: 16 },
    { header: '操作代码', key: 'code', width: 24 },
    { header: '对象类型', key: 'entityType', width: 12 },
    { header: '对象编号', key: 'entityId', width: 18 },
    { header: '区划代码', key: 'region', width: 16 },
    { header: '原值', key: 'old', width: 40 },
    { header: '新值', key: 'new', width: 40 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '请求编号', key: 'requestId', width: 38 },
  ];
  (async () => {
    try {
      for await (const rows of repo.iterateAudit(db, filter)) {
        for (const r of rows) {
          sheet
            .addRow({
              id: Number(r.id),
              at: beijingTime(new Date(r.at)),
              actor: r.actor_name ?? '',
              action: AUDIT_ACTION_LABELS[r.action] ?? r.action,
              code: r.action,
              entityType: r.entity_type ?? '',
              entityId: r.entity_id ?? '',
              region: r.region_code ?? '',
              old: r.old_value === null ? '' : JSON.stringify(r.old_value),
              new: r.new_value === null ? '' : JSON.stringify(r.new_value),
              ip: r.ip ?? '',
              requestId: r.request_id ?? '',
            })
            .commit();
        }
        await zipCaughtUp(sheet);
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
