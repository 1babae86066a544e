export type TestDbMode = 'pglite' | 'postgres';

/** Regions every test database starts with: 吉州区 (the demo's 文山街道 and 仓口社区 are in it). */
export const TEMPLATE_REGIONS = ['360802'];

export function testDbMode(): TestDbMode {
  const mode = process.env.SHEZU_TEST_DB ?? 'pglite';
  if (mode !== 'pglite' && mode !== 'postgres') throw new Error(`SHEZU_TEST_DB must be pglite or postgres, not ${mode}`);
  if (mode === 'postgres' && !process.env.TEST_DATABASE_URL) throw new Error('SHEZU_TEST_DB=postgres needs TEST_DATABASE_URL');
  return mode;
}
