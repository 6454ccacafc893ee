// Synthetic (benchmark) flows stay out of every public answer; only a server started with
// ATLAS_SHOW_SYNTHETIC=true shows them, and then every answer says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startFactorServer, useFixtureServer, type FactorServer } from './fixtures/flows/harness.ts';

const world = useFixtureServer();
let shown: FactorServer;

beforeAll(async () => {
  // A copy of fixture flow f1 one year later, ten times larger, marked synthetic.
  await world.db.exec(`
    INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
                       mechanism, integration_type, benefit_linkage, source_id, note, synthetic)
    SELECT origin_code, dest_code, factor, (period_start + interval '1 year')::date, (period_end + interval '1 year')::date,
           magnitude * 10, magnitude_unit, basis, mechanism, integration_type, benefit_linkage, source_id,
           'synthetic s1', true
    FROM flows WHERE note LIKE 'f1 %'`);
  shown = await startFactorServer(world.db, { ATLAS_SHOW_SYNTHETIC: 'true' });
});
afterAll(async () => {
  await shown?.close();
});

const notes = (body: { flows: { note?: string }[] }) => body.flows.map((f) => f.note);
const labourIn = (body: { rows: { code: string; factor: string; inflow: number | null }[] }, code: string) =>
  body.rows.filter((r) => r.code === code && r.factor === 'labour').reduce((sum, r) => sum + Number(r.inflow ?? 0), 0);

describe('synthetic flows', () => {
  it('are left out of /api/flows and /api/balance by default, with no flag on the answer', async () => {
    const flows = await getJson(`${world.url}/api/flows`);
    expect(flows.status).toBe(200);
    expect(notes(flows.body)).not.toContain('synthetic s1');
    expect(flows.body.synthetic_included).toBeUndefined();
    const balance = await getJson(`${world.url}/api/balance?level=county`);
    expect(balance.status).toBe(200);
    expect(balance.body.synthetic_included).toBeUndefined();
  });

  it('are included, and every answer flagged, on a server started with ATLAS_SHOW_SYNTHETIC=true', async () => {
    const flows = await getJson(`${shown.url}/api/flows`);
    expect(notes(flows.body)).toContain('synthetic s1');
    expect(flows.body.synthetic_included).toBe(true);
    const hidden = await getJson(`${world.url}/api/balance?level=county&factor=labour`);
    const withSynthetic = await getJson(`${shown.url}/api/balance?level=county&factor=labour`);
    expect(withSynthetic.body.synthetic_included).toBe(true);
    // f1 ends in 泰顺 (330329): its inflow grows by the synthetic copy's magnitude (ten times f1's 100 persons).
    expect(labourIn(withSynthetic.body, '330329000000') - labourIn(hidden.body, '330329000000')).toBe(1000);
  });
});
