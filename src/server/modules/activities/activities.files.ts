import sharp, { type Metadata, type Sharp } from 'sharp';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { openBytes, sealBytes } from '../../lib/personal-data.js';
import { assertStorableText } from '../../lib/text-input.js';
import { sniffType } from '../../lib/uploads.js';
import { MAX_ACTIVITY_PHOTOS, type ActivityFile } from '../../../shared/schemas/ledger.js';
import { loadActivityFor, toFile } from './activities.service.js';
import * as repo from './activities.repository.js';

/** A phone photo is 3–12 MB; more is not a photo of an activity. The app-wide multipart limit is 20 MB. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_SIGNIN_BYTES = 10 * 1024 * 1024;
/** The stored image's long side and the thumbnail's (issue 13: resized; a 1600 px photo is ~300 KB). */
export const PHOTO_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 320;
/** Decompression-bomb guard: a 12 MP phone photo is 12 M pixels; 60 M is refused before decoding. */
const MAX_INPUT_PIXELS = 60_000_000;

export interface ActivityUpload {
  filename: string;
  buffer: Buffer;
  truncated: boolean;
}

/** One multipart file field per request (the app-wide limit is one file): a photo or the sign-in sheet. */
export async function readActivityUpload(request: FastifyRequest, maxBytes: number): Promise<ActivityUpload> {
  if (!request.isMultipart()) throw errors.badRequest('activity.no_file', '请以 multipart/form-data 上传文件', { file: '请选择文件' });
  const file = await request.file({ limits: { fileSize: maxBytes } });
  if (!file) throw errors.validation({ file: '请选择文件' });
  assertStorableText({ filename: file.filename });
  const buffer = await file.toBuffer().catch(() => null);
  return { filename: file.filename, buffer: buffer ?? Buffer.alloc(0), truncated: buffer === null || file.file.truncated };
}

const safeName = (name: string) => name.replace(/[\\/\r\n"]/g, '_').slice(0, 120) || 'file';

/**
 * A photo as stored: recognized by its bytes (JPEG or PNG, whatever its name says) and decoded by sharp, turned
 * upright from its EXIF orientation, scaled to 1600 px on the long side, and written again without any metadata
 * (sharp keeps none unless asked: EXIF incl. GPS, XMP, IPTC and ICC are dropped), with a 320 px thumbnail.
 */
export async function preparePhoto(buf: Buffer): Promise<{ mimeType: string; content: Buffer; thumbnail: Buffer; width: number; height: number }> {
  const sniffed = sniffType(buf, '');
  if (sniffed !== 'image/jpeg' && sniffed !== 'image/png') throw errors.validation({ file: '照片只接受 JPG 或 PNG 图片' });
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw errors.validation({ file: '图片已损坏或无法识别，请重新拍摄或选择' });
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') throw errors.validation({ file: '照片只接受 JPG 或 PNG 图片' });
  const format = meta.format;
  const encode = (s: Sharp) => (format === 'png' ? s.png({ compressionLevel: 9 }) : s.jpeg({ quality: 82, mozjpeg: true }));
  try {
    const base = sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const { data, info } = await encode(base.clone().resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })).toBuffer({ resolveWithObject: true });
    const thumbnail = await encode(base.clone().resize({ width: THUMB_LONG_SIDE, height: THUMB_LONG_SIDE, fit: 'inside', withoutEnlargement: true })).toBuffer();
    return { mimeType: format === 'png' ? 'image/png' : 'image/jpeg', content: data, thumbnail, width: info.width, height: info.height };
  } catch {
    throw errors.validation({ file: '图片已损坏或无法识别，请重新拍摄或选择' });
  }
}

function checkSize(file: ActivityUpload, max: number, label: string) {
  if (file.truncated || file.buffer.length > max) throw errors.validation({ file: `${label}不能超过 ${Math.round(max / 1024 / 1024)} MB` });
  if (file.buffer.length === 0) throw errors.validation({ file: '文件是空的' });
}

export async function listActivityFiles(db: Db, ctx: RequestContext, id: number): Promise<{ items: ActivityFile[] }> {
  await loadActivityFor(db, ctx, id, 'activity.read');
  return { items: (await repo.findFileMeta(db, [id])).map(toFile) };
}

async function fileOf(db: Db, id: number, fileId: number) {
  const row = await repo.findFile(db, id, fileId);
  if (!row) throw errors.notFound('activity_file');
  return row;
}

/** Adds one photo (up to 9 per activity); the count is taken with the activity locked. */
export async function addPhoto(db: Kysely<DB>, ctx: RequestContext, id: number, file: ActivityUpload): Promise<ActivityFile> {
  const activity = await loadActivityFor(db, ctx, id, 'activity.write');
  checkSize(file, MAX_PHOTO_BYTES, '照片');
  const photo = await preparePhoto(file.buffer);
  const filename = safeName(file.filename).replace(/\.[A-Za-z0-9]{1,5}$/, '') + (photo.mimeType === 'image/png' ? '.png' : '.jpg');
  const actor = ctx.actor!;
  const fileId = await db.transaction().execute(async (trx) => {
    const { n, nextPosition } = await repo.lockAndCountFiles(trx, id, 'photo');
    if (n >= MAX_ACTIVITY_PHOTOS) throw errors.validation({ file: `每个活动最多 ${MAX_ACTIVITY_PHOTOS} 张照片，请先删除一张` });
    // The photo sealed like every stored file (faces of residents); the small thumbnail is derived and kept clear for lists.
    const row = await repo.insertFile(trx, {
      activity_id: id, kind: 'photo', position: nextPosition, filename, mime_type: photo.mimeType, size_bytes: photo.content.length,
      width: photo.width, height: photo.height, content: sealBytes(photo.content), thumbnail: photo.thumbnail, uploaded_at: new Date(), uploaded_by: actor.id,
    });
    await repo.insertActivityHistory(trx, { activityId: id, version: activity.version, actorId: actor.id, actorName: actor.username, action: 'photo.add', reason: null, changes: { photos: { from: null, to: filename } } });
    await writeAudit(trx, ctx, { action: 'activity.photo.add', entityType: 'activity', entityId: id, newValue: { fileId: Number(row.id), filename, size: photo.content.length } });
    return Number(row.id);
  });
  return (await listActivityFiles(db, ctx, id)).items.find((f) => f.id === fileId)!;
}

/** The sign-in sheet (PDF, photo or Excel): one per activity, a new one replaces the old. Names and phones: sealed. */
export async function setSignin(db: Kysely<DB>, ctx: RequestContext, id: number, file: ActivityUpload): Promise<ActivityFile> {
  const activity = await loadActivityFor(db, ctx, id, 'activity.write');
  checkSize(file, MAX_SIGNIN_BYTES, '签到表');
  const mimeType = sniffType(file.buffer, file.filename);
  const allowed = ['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
  if (!mimeType || !allowed.includes(mimeType)) throw errors.validation({ file: '签到表只接受 PDF、JPG、PNG 或 Excel（xlsx）文件' });
  const filename = safeName(file.filename);
  const actor = ctx.actor!;
  const fileId = await db.transaction().execute(async (trx) => {
    await repo.lockAndCountFiles(trx, id, 'signin');
    const old = await repo.findFilesOfKind(trx, id, 'signin');
    await repo.deleteFiles(trx, id, old.map((o) => Number(o.id)));
    const row = await repo.insertFile(trx, { activity_id: id, kind: 'signin', filename, mime_type: mimeType, size_bytes: file.buffer.length, width: null, height: null, content: sealBytes(file.buffer), thumbnail: null, uploaded_at: new Date(), uploaded_by: actor.id });
    await repo.insertActivityHistory(trx, { activityId: id, version: activity.version, actorId: actor.id, actorName: actor.username, action: 'signin.set', reason: null, changes: { signin: { from: old[0]?.filename ?? null, to: filename } } });
    await writeAudit(trx, ctx, { action: 'activity.signin.set', entityType: 'activity', entityId: id, newValue: { fileId: Number(row.id), filename, size: file.buffer.length } });
    return Number(row.id);
  });
  return (await listActivityFiles(db, ctx, id)).items.find((f) => f.id === fileId)!;
}

/** A photo (full or thumbnail) or the sign-in sheet, opened for a reader of the activity. */
export async function readActivityFile(db: Db, ctx: RequestContext, id: number, fileId: number, size: 'full' | 'thumb') {
  await loadActivityFor(db, ctx, id, 'activity.read');
  const row = await fileOf(db, id, fileId);
  if (size === 'thumb' && row.thumbnail) return { filename: row.filename, mimeType: row.mime_type, content: Buffer.from(row.thumbnail) };
  return { filename: row.filename, mimeType: row.mime_type, content: openBytes(row.content) };
}

export async function removeActivityFile(db: Kysely<DB>, ctx: RequestContext, id: number, fileId: number): Promise<void> {
  const activity = await loadActivityFor(db, ctx, id, 'activity.write');
  const row = await fileOf(db, id, fileId);
  const actor = ctx.actor!;
  await db.transaction().execute(async (trx) => {
    await repo.deleteFiles(trx, id, [fileId]);
    const field = row.kind === 'photo' ? 'photos' : 'signin';
    await repo.insertActivityHistory(trx, { activityId: id, version: activity.version, actorId: actor.id, actorName: actor.username, action: `${row.kind}.remove`, reason: null, changes: { [field]: { from: row.filename, to: null } } });
    await writeAudit(trx, ctx, { action: `activity.${row.kind}.remove`, entityType: 'activity', entityId: id, oldValue: { fileId, filename: row.filename } });
  });
}
