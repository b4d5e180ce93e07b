import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to PGlite in ./data with the demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      dataDir: './data',
      port: 3000,
      loadDemo: true,
      demoScale: 5000,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('never loads the demo into server PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).loadDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', LINKWORK_DEMO: 'true' }).loadDemo).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(
      /DATABASE_URL: must start with postgres:\/\/[\s\S]*PORT:/,
    );
  });
});
