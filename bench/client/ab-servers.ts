// The two servers of an A/B run: A serves the client built in another checkout (AB_BASE, a git worktree of
// the commit before a change, with its own client/dist), B this checkout, both on one bench database.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { forkBenchServer, type BenchServer } from '../child-server.ts';
import { dbUrl } from './bench-db.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const serverIn = (root: string, db: string, showSynthetic: boolean) =>
  forkBenchServer(path.join(root, 'bench', 'client', 'server-process.ts'), {
    DATABASE_URL: dbUrl(db),
    ATLAS_SHOW_SYNTHETIC: String(showSynthetic),
    SEED_DEMO: 'false',
    STATEMENT_TIMEOUT_MS: '120000',
  });

export async function abServers(db: string, showSynthetic: boolean): Promise<{ A: BenchServer; B: BenchServer }> {
  const baseRoot = process.env.AB_BASE;
  if (!baseRoot) throw new Error('AB_BASE=<checkout with the A build> is required');
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  return { A: await serverIn(path.resolve(baseRoot), db, showSynthetic), B: await serverIn(path.resolve(here, '..', '..'), db, showSynthetic) };
}
