// The settings every server connection starts with (in the start-up packet, so no query pays a SET).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.ts';
import { openPostgres } from '../server/db/postgres-database.ts';
import { testEngine } from './support/test-db.ts';
import { databaseUrl } from './support/engine.ts';

describe('database connection settings', () => {
  it('reads DB_WORK_MEM_MB as whole megabytes, 32 by default, and refuses nonsense', () => {
    expect(loadConfig({ PORT: '0' }).dbWorkMemMb).toBe(32);
    expect(loadConfig({ PORT: '0', DB_WORK_MEM_MB: '64' }).dbWorkMemMb).toBe(64);
    for (const bad of ['0', '-1', '1.5', '64MB', '1e3', '99999']) {
      expect(() => loadConfig({ PORT: '0', DB_WORK_MEM_MB: bad }), bad).toThrow(ConfigError);
    }
  });

  it('gives each pooled PostGIS connection the statement timeout, no JIT and the configured work_mem', async (ctx) => {
    const engine = testEngine();
    if (engine.kind !== 'postgis') return ctx.skip();
    const url = databaseUrl(engine.adminUrl, 'postgres');
    for (const [workMemMb, expected] of [[undefined, '32MB'], [48, '48MB']] as const) {
      const db = openPostgres({ url, poolMax: 1, poolWaitMs: 5000, statementTimeoutMs: 7_000, ...(workMemMb ? { workMemMb } : {}) });
      try {
        const [r] = await db.query<{ work_mem: string; statement_timeout: string; jit: string }>(
          "SELECT current_setting('work_mem') AS work_mem, current_setting('statement_timeout') AS statement_timeout, current_setting('jit') AS jit",
        );
        expect(r).toEqual({ work_mem: expected, statement_timeout: '7s', jit: 'off' });
      } finally {
        await db.close();
      }
    }
  });
});
