import { describe, expect, it } from 'vitest';
import {
  dataKeyFrom,
  keepSealed,
  DataKeyError,
  Keyring,
  maskJson,
  newDataKeyText,
  open,
  openBytes,
  openJson,
  parseDataKey,
  personalHash,
  personalHashes,
  resealJson,
  seal,
  sealBytes,
  sealedColumns,
  sealedKeyId,
  sealJson,
  useKeyring,
} from './personal-data.js';

const ring = Keyring.fromTexts(newDataKeyText());
const other = Keyring.fromTexts(newDataKeyText());
const ID = '36080219800101001X';

describe('personal data sealing', () => {
  it('round-trips text and bytes, each seal different (random IV), naming its key', () => {
    const a = seal(ID, ring);
    const b = seal(ID, ring);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(a.startsWith(`sz1.${ring.current.id}.`)).toBe(true);
    expect(sealedKeyId(a)).toBe(ring.current.id);
    expect(open(a, ring)).toBe(ID);
    const file = Buffer.from(`名称,身份证号\n甲,${ID}\n`);
    const sealed = sealBytes(file, ring);
    expect(sealed.includes(Buffer.from(ID))).toBe(false);
    expect(sealedKeyId(sealed)).toBe(ring.current.id);
    expect(openBytes(sealed, ring).equals(file)).toBe(true);
  });

  it('refuses a tampered value and a wrong key', () => {
    const s = seal(ID, ring);
    const body = Buffer.from(s.slice(s.lastIndexOf('.') + 1), 'base64url');
    body[body.length - 1] ^= 1;
    expect(() => open(`${s.slice(0, s.lastIndexOf('.') + 1)}${body.toString('base64url')}`, ring)).toThrow(DataKeyError);
    // Same key id claimed, other key material: authentication fails.
    const forged = new Keyring({ ...other.current, id: ring.current.id });
    expect(() => open(s, forged)).toThrow(/校验失败/);
    expect(() => open(s, other)).toThrow(/不在当前配置中/);
    const bytes = sealBytes(Buffer.from(ID), ring);
    bytes[bytes.length - 1] ^= 1;
    expect(() => openBytes(bytes, ring)).toThrow(DataKeyError);
  });

  it('hashes stably per key, case and spaces aside, differently under another key', () => {
    expect(personalHash(ID, ring.current)).toBe(personalHash(ID.toLowerCase(), ring.current));
    expect(personalHash('138 0013 8000', ring.current)).toBe(personalHash('13800138000', ring.current));
    expect(personalHash(ID, ring.current)).not.toBe(personalHash(ID, other.current));
    const text = newDataKeyText();
    expect(personalHash(ID, dataKeyFrom(parseDataKey(text)))).toBe(personalHash(ID, Keyring.fromTexts(text).current));
    const both = new Keyring(other.current, [ring.current]);
    expect(personalHashes(ID, both)).toEqual([personalHash(ID, other.current), personalHash(ID, ring.current)]);
  });

  it('keeps a column triple: ciphertext, masked form, hash', () => {
    useKeyring(ring);
    const c = sealedColumns('leader_id_number', 'resident_id', ID);
    expect(c.leader_id_number_masked).toBe('3608**********001X');
    expect(open(c.leader_id_number_enc!, ring)).toBe(ID);
    expect(c.leader_id_number_hash).toBe(personalHash(ID, ring.current));
    expect(sealedColumns('leader_phone', 'phone', '')).toEqual({ leader_phone_enc: null, leader_phone_masked: null, leader_phone_hash: null });
    useKeyring(null);
  });

  it('seals the personal strings of a document, shows them masked, opens and re-seals them', () => {
    const doc = { org: { name: '合唱团', leaderIdNumber: ID, leaderPhone: '13800138000' }, members: [{ name: '甲', phone: '13900139000' }], changes: { leaderPhone: { from: '138****8000', to: null } } };
    const sealed = sealJson(doc, ring);
    expect(JSON.stringify(sealed)).not.toMatch(/13800138000|13900139000|36080219800101001X/);
    expect(maskJson(sealed)).toEqual({ org: { name: '合唱团', leaderIdNumber: '3608**********001X', leaderPhone: '138****8000' }, members: [{ name: '甲', phone: '139****9000' }], changes: { leaderPhone: { from: '138****8000', to: null } } });
    expect(openJson(sealed, ring)).toEqual(doc);
    expect(resealJson(sealed, ring)).toBeNull();
    const rotated = new Keyring(other.current, [ring.current]);
    const again = resealJson(sealed, rotated)!;
    expect(sealedKeyId((again as typeof sealed & { org: { leaderIdNumber: { $sealed: string } } }).org.leaderIdNumber.$sealed)).toBe(other.current.id);
    expect(openJson(again, other)).toEqual(doc);
  });

  it('takes a key as base64 or hex and refuses anything else with a Chinese and English message', () => {
    const raw = Buffer.alloc(32, 9);
    expect(parseDataKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseDataKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(() => parseDataKey('short')).toThrow(/格式不对.*\n.*is not a key/);
    expect(() => parseDataKey(Buffer.alloc(16).toString('base64'))).toThrow(DataKeyError);
  });

  it('keeps the stored sealed value for a masked string sent back untouched, by place or by member name', () => {
    const stored = sealJson({ org: { leaderIdNumber: ID, leaderPhone: '13800138000' }, members: [{ name: '甲', phone: '13900139000' }, { name: '乙', phone: '13700137000' }] }, ring);
    const shown = maskJson(stored);
    const back = { org: { ...shown.org, leaderPhone: '13500135000' }, members: [shown.members[1], shown.members[0], { name: '丙', phone: '137****7000' }] };
    const kept = keepSealed(back, stored);
    expect(openJson(kept, ring)).toEqual({
      org: { leaderIdNumber: ID, leaderPhone: '13500135000' },
      members: [{ name: '乙', phone: '13700137000' }, { name: '甲', phone: '13900139000' }, { name: '丙', phone: '137****7000' }],
    });
  });
});

