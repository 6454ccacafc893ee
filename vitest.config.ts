import { defineConfig } from 'vitest/config';
import { detectEngine } from './tests/support/engine.ts';

// On the embedded engine every test file runs its own WASM PostgreSQL; two at once on a small machine
// starve vitest's own messages, so PGlite runs one file at a time.
export default defineConfig(async () => {
  const engine = await detectEngine();
  const forks = engine.kind === 'pglite' ? 1 : 2;
  return {
    test: {
      include: ['tests/**/*.test.ts'],
      globalSetup: ['tests/support/global-setup.ts'],
      pool: 'forks',
      poolOptions: { forks: { maxForks: forks, minForks: 1 } },
      testTimeout: 120_000,
      hookTimeout: 600_000,
      env: { LOG_LEVEL: 'silent' },
    },
  };
});
