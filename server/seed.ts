// The whole demo: the Wenzhou boundaries first, then the flows, alliances, indicators and modelled layer
// that refer to them. Used by `npm start` on an empty database and by the test set-up.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { seedDemo } from './geodata/seed-demo.ts';
import { seedFactorDemo } from './flows/seed-factor-demo.ts';
import { log } from './log.ts';

export async function seedAll(db: Database, config: Config): Promise<void> {
  // Only on an empty database; tell the user why the first start takes longer than the next ones.
  log.info('empty database: importing the Wenzhou demo from the data mirror (first start only)', { geodataDir: config.geodataDir });
  await seedDemo(db, config);
  await seedFactorDemo(db);
}
