import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config.js';
import { DATA_KEY_HINT, DataKeyError, Keyring, newDataKeyText, parseDataKey } from './lib/personal-data.js';

/** The embedded database's key file, inside its data directory (README: keep a copy apart from backups of the data). */
export const KEY_FILE = 'shezu-data.key';
/** The key a rotation on the embedded database moves to, kept beside the old one until the rotation completes. */
export const NEXT_KEY_FILE = 'shezu-data.key.next';

export class MissingDataKeyError extends DataKeyError {
  constructor() {
    super(
      `使用 PostgreSQL（DATABASE_URL）时必须设置个人信息加密密钥 SHEZU_DATA_KEY，拒绝启动。${DATA_KEY_HINT}，` +
        '并把它保存在数据备份之外的安全位置：丢失密钥即无法解密身份证号和电话。\n' +
        'SHEZU_DATA_KEY is required with DATABASE_URL: the server refuses to start without it. Create one with ' +
        '`npx shezu keys new` and keep it apart from backups of the data (without it the sealed personal data cannot be read).',
    );
    this.name = 'MissingDataKeyError';
  }
}

function readKeyFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8').trim();
  parseDataKey(text, file);
  return text;
}

/** Writes a key file readable by its owner only (mode 0600), atomically: a crash leaves the old file or the new. */
export function writeKeyFile(file: string, key: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, `${key}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * The config with its data key settled: SHEZU_DATA_KEY when given; refused with DATABASE_URL without it; on the
 * embedded database the key file of the data directory, created (0600) on first start. On the embedded database a
 * rotation in progress (`shezu-data.key.next` present) makes its target key the current one, the old one still
 * opening what is not re-sealed yet: every value written meanwhile is under the new key.
 */
export function settleDataKey(config: AppConfig): AppConfig {
  if (config.dataKey) return config;
  if (config.databaseUrl) throw new MissingDataKeyError();
  const file = path.join(config.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    writeKeyFile(file, newDataKeyText());
  }
  const current = readKeyFile(file);
  const next = path.join(config.dataDir, NEXT_KEY_FILE);
  if (fs.existsSync(next)) return { ...config, dataKey: readKeyFile(next), previousDataKeys: [current, ...config.previousDataKeys] };
  return { ...config, dataKey: current };
}

/** The keyring of a settled config. */
export function keyringOf(config: AppConfig): Keyring {
  if (!config.dataKey) throw new MissingDataKeyError();
  return Keyring.fromTexts(config.dataKey, config.previousDataKeys);
}
