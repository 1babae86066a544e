import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskPhone, maskResidentId } from '../../shared/validators.js';

/**
 * Personal data at rest (PIPL art. 28, 51; GB/T 35273 §6.3): resident ID numbers and phone numbers are stored
 * sealed with AES-256-GCM, each beside its masked form (what every reader shows, without decrypting) and a keyed
 * hash (HMAC-SHA256, for exact-match duplicate checks). Only the audited reveal and the permitted unmasked export
 * open a sealed value for a response; the server opens values in memory where a rule needs the clear value (the
 * check digit at submission, the applicant's own draft).
 *
 * Formats (a sealed value names its format version and its key, so a rotation can be interrupted and resumed with
 * values under both keys in the tables):
 * - text:  `sz1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`
 * - bytes: `SZ1` ‖ keyId length (1 byte) ‖ keyId ‖ iv (12) ‖ tag (16) ‖ ciphertext
 * - jsonb: `{"$sealed": "sz1.…", "masked": "3408**********1234"}` in place of the clear string
 */

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

export const DATA_KEY_HINT = '用 `npx shezu keys new` 生成一个 / create one with `npx shezu keys new`';

/** The 32 bytes of a key given as base64 (44 characters) or hex (64). */
export function parseDataKey(text: string, name = 'SHEZU_DATA_KEY'): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!buf || buf.length !== 32) {
    throw new DataKeyError(
      `${name} 格式不对：须为 32 字节密钥的 base64（44 个字符）或十六进制（64 个字符）。${DATA_KEY_HINT}\n` +
        `${name} is not a key: it must be 32 bytes as base64 (44 characters) or hex (64 characters).`,
    );
  }
  return buf;
}

/** A fresh key, as SHEZU_DATA_KEY takes it (base64). */
export function newDataKeyText(): string {
  return randomBytes(32).toString('base64');
}

export interface DataKey {
  /** Names the key inside every value sealed under it (not secret: a hash of the key, cut short). */
  id: string;
  encKey: Buffer;
  hashKey: Buffer;
}

/** Subkeys by HKDF-SHA256 (RFC 5869): the cipher and the hash never share key material. */
export function dataKeyFrom(raw: Buffer): DataKey {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), info, 32));
  return {
    id: createHash('sha256').update('shezu-key-id').update(raw).digest('base64url').slice(0, 8),
    encKey: sub('shezu personal data aes-256-gcm'),
    hashKey: sub('shezu personal data hmac-sha256'),
  };
}

/** The key values are sealed under, and older ones that may still open values (during and after a rotation). */
export class Keyring {
  readonly byId = new Map<string, DataKey>();
  constructor(
    readonly current: DataKey,
    readonly others: DataKey[] = [],
  ) {
    for (const k of [current, ...others]) this.byId.set(k.id, k);
  }
  static fromTexts(current: string, others: string[] = []) {
    return new Keyring(dataKeyFrom(parseDataKey(current)), others.map((t) => dataKeyFrom(parseDataKey(t, 'SHEZU_DATA_KEY_PREVIOUS'))));
  }
  key(id: string): DataKey {
    const k = this.byId.get(id);
    if (!k) throw new DataKeyError(`个人信息密文使用的密钥 ${id} 不在当前配置中（密钥不对或轮换未完成）/ the value is sealed under key ${id}, which is not configured`);
    return k;
  }
}

let installed: Keyring | null = null;

/** Installs the keyring the process seals and opens with (the server at start, the command line, tests). */
export function useKeyring(ring: Keyring | null) {
  installed = ring;
}

export function keyring(): Keyring {
  if (!installed) throw new DataKeyError(`未配置个人信息加密密钥 SHEZU_DATA_KEY。${DATA_KEY_HINT}\nNo data key configured (SHEZU_DATA_KEY).`);
  return installed;
}

export function hasKeyring() {
  return installed !== null;
}

const TEXT_PREFIX = 'sz1.';

function encrypt(key: DataKey, plain: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encKey, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

function decrypt(key: DataKey, box: Buffer): Buffer {
  if (box.length < 28) throw new DataKeyError('个人信息密文不完整 / sealed value truncated');
  const decipher = createDecipheriv('aes-256-gcm', key.encKey, box.subarray(0, 12));
  decipher.setAuthTag(box.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]);
  } catch {
    throw new DataKeyError('个人信息密文校验失败（被改动或密钥不对）/ sealed value failed authentication (tampered or wrong key)');
  }
}

export function isSealedText(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(TEXT_PREFIX);
}

export function seal(value: string, ring = keyring()): string {
  return `${TEXT_PREFIX}${ring.current.id}.${encrypt(ring.current, Buffer.from(value, 'utf8')).toString('base64url')}`;
}

/** The key a sealed value (text, bytes or jsonb field) was sealed under. */
export function sealedKeyId(sealed: string | Buffer): string {
  if (typeof sealed === 'string') return sealed.slice(TEXT_PREFIX.length, sealed.indexOf('.', TEXT_PREFIX.length));
  return sealed.subarray(4, 4 + sealed[3]).toString('latin1');
}

export function open(sealed: string, ring = keyring()): string {
  if (!isSealedText(sealed)) throw new DataKeyError('不是个人信息密文 / not a sealed value');
  const dot = sealed.indexOf('.', TEXT_PREFIX.length);
  if (dot < 0) throw new DataKeyError('个人信息密文格式不对 / malformed sealed value');
  return decrypt(ring.key(sealed.slice(TEXT_PREFIX.length, dot)), Buffer.from(sealed.slice(dot + 1), 'base64url')).toString('utf8');
}

const BYTES_MAGIC = Buffer.from('SZ1', 'latin1');

export function isSealedBytes(b: Buffer | Uint8Array | null | undefined): boolean {
  return !!b && b.length > 4 && Buffer.from(b.buffer, b.byteOffset, 3).equals(BYTES_MAGIC);
}

/** A file (an uploaded sheet, an import report) sealed whole. */
export function sealBytes(plain: Buffer, ring = keyring()): Buffer {
  const id = Buffer.from(ring.current.id, 'latin1');
  return Buffer.concat([BYTES_MAGIC, Buffer.from([id.length]), id, encrypt(ring.current, plain)]);
}

export function openBytes(sealed: Buffer | Uint8Array, ring = keyring()): Buffer {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (!isSealedBytes(b)) throw new DataKeyError('不是加密的文件 / not a sealed file');
  const n = b[3];
  return decrypt(ring.key(b.subarray(4, 4 + n).toString('latin1')), b.subarray(4 + n));
}

/** The keyed hash of a value under one key: equal values hash equal, the hash says nothing without the key. */
export function personalHash(value: string, key = keyring().current): string {
  return createHmac('sha256', key.hashKey).update(normalizeForHash(value)).digest('base64url');
}

/** The hashes of a value under every configured key: a lookup during a rotation finds rows of either key. */
export function personalHashes(value: string, ring = keyring()): string[] {
  return [...ring.byId.values()].map((k) => personalHash(value, k));
}

/** An ID number's check letter in either case, a phone typed with spaces: one hash. */
function normalizeForHash(value: string) {
  return value.trim().toUpperCase().replace(/[\s-]/g, '');
}

export type PersonalKind = 'resident_id' | 'phone';

export function maskOf(kind: PersonalKind, value: string): string {
  return kind === 'resident_id' ? maskResidentId(value) : maskPhone(value);
}

/** The three columns that stand for one personal column `<name>`: `<name>_enc`, `<name>_masked`, `<name>_hash`. */
export function sealedColumns<N extends string>(name: N, kind: PersonalKind, value: string | null | undefined) {
  const v = value === undefined || value === null || value.trim() === '' ? null : value;
  return {
    [`${name}_enc`]: v === null ? null : seal(v),
    [`${name}_masked`]: v === null ? null : maskOf(kind, v),
    [`${name}_hash`]: v === null ? null : personalHash(v),
  } as Record<`${N}_enc` | `${N}_masked` | `${N}_hash`, string | null>;
}

/** A sealed value inside jsonb, with its masked form beside it so a reader shows it without the key. */
export interface SealedField {
  $sealed: string;
  masked: string;
}

export function isSealedField(v: unknown): v is SealedField {
  return typeof v === 'object' && v !== null && typeof (v as SealedField).$sealed === 'string' && typeof (v as SealedField).masked === 'string';
}

export function sealField(kind: PersonalKind, value: string, ring = keyring()): SealedField {
  return { $sealed: seal(value, ring), masked: maskOf(kind, value) };
}

/**
 * Keys of JSON documents whose string values are personal data (application data: org.leaderIdNumber,
 * org.leaderPhone, members[].phone; history and audit: the same field names above their old → new values).
 */
export const PERSONAL_JSON_KEYS: Record<string, PersonalKind> = {
  leaderIdNumber: 'resident_id',
  idNumber: 'resident_id',
  residentId: 'resident_id',
  leaderPhone: 'phone',
  phone: 'phone',
  contactPhone: 'phone',
};

/** A masked string (from a mask function) is kept as it is: there is nothing left in it to protect. */
const isMasked = (s: string) => s.includes('*');

function walk(v: unknown, kind: PersonalKind | null, leaf: (s: string, kind: PersonalKind) => unknown, sealed: (f: SealedField) => unknown): unknown {
  if (isSealedField(v)) return sealed(v);
  if (typeof v === 'string') return kind && v !== '' ? leaf(v, kind) : v;
  if (Array.isArray(v)) return v.map((x) => walk(x, kind, leaf, sealed));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, PERSONAL_JSON_KEYS[k] ?? kind, leaf, sealed);
    return out;
  }
  return v;
}

/** Seals every clear personal string of a JSON document (at or below a PERSONAL_JSON_KEYS key). */
export function sealJson<T>(doc: T, ring: Keyring = lazyKeyring()): T {
  return walk(doc, null, (s, kind) => (isMasked(s) ? s : sealField(kind, s, ring)), (f) => f) as T;
}

/** The document as readers see it: each sealed field replaced by its masked form (no key needed). */
export function maskJson<T>(doc: T): T {
  return walk(doc, null, (s) => s, (f) => f.masked) as T;
}

/** The document with sealed fields opened: for the server's own use and the audited reveal, never a plain read. */
export function openJson<T>(doc: T, ring: Keyring = lazyKeyring()): T {
  return walk(doc, null, (s) => s, (f) => open(f.$sealed, ring)) as T;
}

/**
 * A document sent back by a form that showed it masked: each masked string equal to the masked form of the value
 * stored at the same place (array items matched by position, or else by their `name`) takes that stored sealed
 * value again, so an untouched field keeps what was entered without the form ever holding it in clear. A masked
 * string that matches nothing stays as it is (it holds no personal data; the rules then ask for the value again).
 */
export function keepSealed<T>(incoming: T, stored: unknown): T {
  const go = (v: unknown, old: unknown, kind: PersonalKind | null): unknown => {
    if (typeof v === 'string') return kind && isMasked(v) && isSealedField(old) && old.masked === v ? old : v;
    if (Array.isArray(v)) {
      const olds = Array.isArray(old) ? old : [];
      return v.map((x, i) => {
        const same = (o: unknown) => o && typeof o === 'object' && x && typeof x === 'object' && (o as { name?: unknown }).name === (x as { name?: unknown }).name;
        return go(x, same(olds[i]) ? olds[i] : (olds.find(same) ?? olds[i]), kind);
      });
    }
    if (v && typeof v === 'object') {
      const o = old && typeof old === 'object' && !Array.isArray(old) ? (old as Record<string, unknown>) : {};
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x, o[k], PERSONAL_JSON_KEYS[k] ?? kind)]));
    }
    return v;
  };
  return go(incoming, stored, null) as T;
}

/**
 * Re-seals every sealed field of a document that is not under the ring's current key (and seals clear ones);
 * returns null when nothing changed, so a rotation writes only rows it must.
 */
export function resealJson<T>(doc: T, ring: Keyring = lazyKeyring()): T | null {
  let changed = false;
  const out = walk(
    doc,
    null,
    (s, kind) => (isMasked(s) ? s : ((changed = true), sealField(kind, s, ring))),
    (f) => (sealedKeyId(f.$sealed) === ring.current.id ? f : ((changed = true), { $sealed: seal(open(f.$sealed, ring), ring), masked: f.masked })),
  ) as T;
  return changed ? out : null;
}

/**
 * The installed keyring, looked up only when a value is sealed or opened: the migration that seals existing rows
 * needs no key on a database that holds none (a new one, the test template).
 */
export function lazyKeyring(get = keyring): Keyring {
  let ring: Keyring | undefined;
  const r = () => (ring ??= get());
  return {
    get current() {
      return r().current;
    },
    get others() {
      return r().others;
    },
    get byId() {
      return r().byId;
    },
    key: (id: string) => r().key(id),
  } as Keyring;
}
