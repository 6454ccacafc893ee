// One bench server on a client-bench database and one headless Chromium (software WebGL) for a script's
// measurements, both stopped however the script ends. The client build is brought up to date first.
import { chromium, type Browser } from 'playwright-core';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { CHROMIUM_PATH, chromiumArgs } from '../../tests/browser/chromium.ts';
import { BASE_DB, dbUrl } from './bench-db.ts';
import { startBenchServer } from './bench-server.ts';

export async function withBenchBrowser<T>(fn: (browser: Browser, url: string) => Promise<T>, db: string = BASE_DB): Promise<T> {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  const server = await startBenchServer(dbUrl(db), { showSynthetic: db !== BASE_DB, seedDemo: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  try {
    return await fn(browser, `${server.url}/`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function runScript(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
