// Bulk uploads (CSV and GeoJSON) are all or nothing: one bad row rejects the upload, and the answer
// names every bad row by number and reason.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WRITE_TOKEN, fixturePath, getJson, useFixtureServer } from './fixtures/flows/harness.ts';

const world = useFixtureServer();

const upload = (path: string, body: string, type: string) =>
  getJson(`${world.url}${path}`, { method: 'POST', headers: { 'Content-Type': type, Authorization: `Bearer ${WRITE_TOKEN}` }, body });
const count = async (table: string) => Number((await world.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
const version = async () => Number((await world.db.query<{ version: number }>('SELECT version FROM data_version'))[0]!.version);

describe('bulk upload of flows', () => {
  it('rolls back the whole upload and names every bad row by number and reason', async () => {
    const before = await count('flows');
    const v0 = await version();
    const r = await upload('/api/flows/bulk', fs.readFileSync(fixturePath('bad-flows.csv'), 'utf8'), 'text/csv');
    expect(r.status).toBe(422);
    const errors = r.body.error.details.errors as { row: number; line: number; reason: string }[];
    const reasons = (row: number) => errors.filter((e) => e.row === row).map((e) => e.reason).join(' | ');
    expect(reasons(1)).toBe(''); // the good first row is not blamed
    expect(reasons(2)).toContain('unknown unit code 330399000000');
    expect(reasons(3)).toContain('unknown factor "gold"');
    expect(reasons(4)).toContain('negative magnitude -5');
    expect(reasons(5)).toContain('period "20x1" is not a year');
    expect(reasons(6)).toBe('duplicate of row 1');
    expect(reasons(7)).toMatch(/^duplicate of flow \d+ already stored$/);
    expect(reasons(8)).toContain('a documented flow has no magnitude');
    expect(errors.find((e) => e.row === 2)!.line).toBe(3);
    expect(r.body.error.message).toMatch(/^7 rows rejected; nothing was written\./);
    expect(await count('flows')).toBe(before);
    expect(await version()).toBe(v0);
  });

  it('inserts every row of a good CSV in one transaction and bumps the data version once', async () => {
    const before = await count('flows');
    const v0 = await version();
    const csv = 'origin,dest,factor,period,magnitude,magnitude_unit,basis,source_id\n330381,330305,capital,2024,3,cny_100m,observed,test.fixture\n330305,330381,labour,2024,120,persons,observed,test.fixture\n';
    const r = await upload('/api/flows/bulk', csv, 'text/csv');
    expect(r.status).toBe(201);
    expect(r.body.inserted).toBe(2);
    expect(await count('flows')).toBe(before + 2);
    expect(await version()).toBe(v0 + 1);
  });

  it('accepts a GeoJSON FeatureCollection and numbers its features as rows', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: null, properties: { origin: '330382', dest: '330305', factor: 'technology', period: '2024', basis: 'documented', source_id: 'test.fixture' } },
        { type: 'Feature', geometry: null, properties: { origin: '330382', dest: '330305', factor: 'data', period: '2024', basis: 'observed', magnitude: 1, source_id: 'test.fixture' } },
      ],
    };
    const bad = await upload('/api/flows/bulk', JSON.stringify(fc), 'application/geo+json');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, field: 'magnitude_unit', reason: 'an observed flow needs a unit of measure' })]);
    fc.features.pop();
    expect((await upload('/api/flows/bulk', JSON.stringify(fc), 'application/geo+json')).status).toBe(201);
  });

  it('names unknown columns and ragged rows', async () => {
    const r = await upload('/api/flows/bulk', 'origin,dest,colour\n330381,330305,red\n', 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors[0]).toMatchObject({ line: 1, reason: expect.stringContaining('unknown column "colour"') });
    const ragged = await upload('/api/flows/bulk', 'origin,dest,factor\n330381,330305\n', 'text/csv');
    expect(ragged.body.error.details.errors[0]).toMatchObject({ row: 1, line: 2 });
  });

  it('answers an unsupported content type with 415', async () => {
    expect((await upload('/api/flows/bulk', 'x', 'application/xml')).status).toBe(415);
  });

  it('answers an upload over the size limit with 413 and names the limit', async () => {
    const line = '330381,330305,capital,2024,3,cny_100m,observed,test.fixture\n';
    const r = await upload('/api/flows/bulk', 'origin,dest,factor,period,magnitude,magnitude_unit,basis,source_id\n' + line.repeat(200_000), 'text/csv');
    expect(r.status).toBe(413);
    expect(r.body.error.message).toContain('10mb');
  });
});

describe('bulk upload of alliances and indicators', () => {
  it('rejects an indicator year that is not a year and a unit that cannot express the indicator', async () => {
    const csv = 'unit_code,year,indicator,value,unit,source_id\n330381,2019,urbanisation_rate,60,percent,test.fixture\n330381,19,urbanisation_rate,60,percent,test.fixture\n330381,2019,population_resident,5,cny,test.fixture\n';
    const r = await upload('/api/indicators/bulk', csv, 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors.map((e: any) => [e.row, e.reason])).toEqual([
      [2, 'year "19" is not a year (YYYY, 1949–2100)'],
      [3, 'unit cny cannot express population_resident, which is measured in persons'],
    ]);
  });

  it('inserts alliances from CSV', async () => {
    const csv = 'programme,a_code,a_role,b_code,b_role,start_year,source_id\nmountain_sea,330381,core,330329,periphery,2002,test.fixture\n';
    expect((await upload('/api/alliances/bulk', csv, 'text/csv')).status).toBe(201);
  });
});
