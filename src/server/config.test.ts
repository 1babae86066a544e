import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('loads the demo on the embedded database by default', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ SHEZU_DEMO: '0' }).demo).toBe(false);
  });
  it('never creates demo accounts on PostgreSQL unless asked for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', SHEZU_DEMO: '1' }).demo).toBe(true);
  });
  it('takes the demo password from SHEZU_DEMO_PASSWORD', () => {
    expect(loadConfig({}).demoPassword).toBe('Shezu@2026');
    expect(loadConfig({ SHEZU_DEMO_PASSWORD: 'Other@2027' }).demoPassword).toBe('Other@2027');
  });
  it('runs the scheduled jobs unless SHEZU_JOBS=off', () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ SHEZU_JOBS: 'on' }).jobs).toBe(true);
    expect(loadConfig({ SHEZU_JOBS: 'off' }).jobs).toBe(false);
    expect(loadConfig({ SHEZU_JOBS: '0' }).jobs).toBe(false);
  });
});
