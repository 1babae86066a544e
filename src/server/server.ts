import { loadConfig } from './config.js';
import { keyringOf, settleDataKey } from './data-key.js';
import { useKeyring } from './lib/personal-data.js';
import { openDatabase } from './db/database.js';

async function main() {
  // The key first: on PostgreSQL without SHEZU_DATA_KEY the start is refused before anything is touched.
  const config = settleDataKey(loadConfig());
  useKeyring(keyringOf(config));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The rest of the server loads once the data directory is ours: a second process on it is refused (the lock,
  // db/pglite-lock.ts) in a fifth of the time, before it has loaded every module for nothing.
  const [{ migrate }, { buildApp }, { isDatabaseEmpty, seedDemo }, { backfillOrgSearchColumns }, { startScheduler }] = await Promise.all([
    import('./db/migrate.js'),
    import('./app.js'),
    import('./demo/seed-demo.js'),
    import('./modules/orgs/index.js'),
    import('./modules/jobs/index.js'),
  ]);
  let scheduler: { stop(): void } | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: 正在关闭…`);
    try {
      scheduler?.stop();
      await app?.close();
    } finally {
      // PGlite checkpoints on close: a clean stop leaves nothing for the next start to recover.
      await database.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const applied = await migrate(database.db);
    if (config.demo && (await isDatabaseEmpty(database.db))) {
      console.log('首次启动：正在载入演示数据（蚌埠市、吉州区、滨海新区的区划与演示账号）…');
      await seedDemo(database.db, config.demoPassword, console.log);
    }
    app = await buildApp({ database, config });
    await app.listen({ port: config.port, host: config.host });
    console.log(
      `社组通 Shezu 已启动：http://localhost:${config.port}  (数据库 ${database.kind}${database.kind === 'pglite' ? ` ${config.dataDir}` : ''}，迁移 ${applied} 个，API 文档 /api/docs)`,
    );
    // The scheduled jobs (SHEZU_JOBS): each period runs once however many processes share the database.
    if (config.jobs) scheduler = startScheduler(database.db, { info: (m) => app!.log.info(m), error: (m) => app!.log.error(m) });
    // Search columns of rows stored before migration 0014, in short batches while requests are served; resumes
    // where it stopped if the process is stopped first.
    void backfillOrgSearchColumns(database.db).then(
      (r) => r.updated > 0 && console.log(`已更新 ${r.updated} 个组织的搜索索引（繁体字、全角字母的名称）`),
      (err) => !closing && console.error('搜索索引更新未完成，下次启动时继续：', err instanceof Error ? err.message : err),
    );
  } catch (err) {
    await database.close();
    throw err;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
