import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { KEY_FILE, keyringOf, MissingDataKeyError, NEXT_KEY_FILE, settleDataKey, writeKeyFile } from './data-key.js';
import { buildApp } from './app.js';
import { DataKeyError, newDataKeyText } from './lib/personal-data.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-key-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the data key at start-up', () => {
  it('refuses PostgreSQL without SHEZU_DATA_KEY, saying how to make one, in Chinese and English', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://shezu@localhost/shezu' });
    expect(() => settleDataKey(config)).toThrow(MissingDataKeyError);
    expect(() => settleDataKey(config)).toThrow(/必须设置个人信息加密密钥 SHEZU_DATA_KEY，拒绝启动[\s\S]*npx shezu keys new[\s\S]*refuses to start/);
    const key = newDataKeyText();
    expect(settleDataKey(loadConfig({ DATABASE_URL: 'postgres://x@y/z', SHEZU_DATA_KEY: key })).dataKey).toBe(key);
  });

  it('refuses a malformed key when the config is read', () => {
    expect(() => loadConfig({ SHEZU_DATA_KEY: 'not-a-key' })).toThrow(DataKeyError);
    expect(() => loadConfig({ SHEZU_DATA_KEY: newDataKeyText(), SHEZU_DATA_KEY_PREVIOUS: 'abc' })).toThrow(/SHEZU_DATA_KEY_PREVIOUS 格式不对/);
  });

  it('creates the embedded database\'s key file on first start (owner-only) and reads the same key afterwards', () => {
    const dir = path.join(tmp(), 'data');
    const first = settleDataKey(loadConfig({ DATA_DIR: dir }));
    const file = path.join(dir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.dataKey);
    expect(settleDataKey(loadConfig({ DATA_DIR: dir })).dataKey).toBe(first.dataKey);
    // During a rotation the new key seals and the old one still opens.
    const next = newDataKeyText();
    writeKeyFile(path.join(dir, NEXT_KEY_FILE), next);
    const rotating = settleDataKey(loadConfig({ DATA_DIR: dir }));
    expect([rotating.dataKey, rotating.previousDataKeys]).toEqual([next, [first.dataKey]]);
    expect(keyringOf(rotating).byId.size).toBe(2);
  });

  it('builds no app without a key', async () => {
    const config = { ...loadConfig({}), dataKey: undefined };
    await expect(buildApp({ database: { db: null as never, kind: 'pglite', close: async () => {} }, config, web: false, logger: false })).rejects.toThrow(MissingDataKeyError);
  });
});
