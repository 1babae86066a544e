import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { isDatabaseEmpty, seedDemo } from './demo/seed-demo.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: 正在关闭…`);
    try {
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
  } catch (err) {
    await database.close();
    throw err;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
