// Builds one tile from the database. On PostGIS the database encodes it (ST_AsMVT); on embedded PGlite the
// database prepares the same features in tile coordinates and mvt-encode.ts writes the protobuf.
import type { Database } from '../db/database.ts';
import type { TileAddress } from './tile-address.ts';
import { encodeMvt, type FeatureRow } from './mvt-encode.ts';
import { bandForZoom } from './zoom-bands.ts';
import { flowTileParams } from './flow-tiles.ts';

export interface BuiltTile {
  /** The data version seen by the same statement that read the features. */
  version: number;
  features: number;
  mvt: Uint8Array;
}

export type TileBuilder = (address: TileAddress) => Promise<BuiltTile>;

/** The parameters bound for a tile: polygon layers also read their zoom band, flows their roll-up scope. */
export function tileParams({ layer, z, x, y }: TileAddress): unknown[] {
  if (layer.kind === 'lines') return flowTileParams(z, x, y);
  return layer.kind === 'polygons' ? [z, x, y, bandForZoom(z)] : [z, x, y];
}

type TileRow = { version: number; features: number; mvt: Uint8Array };
const builtFromRow = (rows: TileRow[]): BuiltTile => {
  const row = rows[0]!;
  return { version: Number(row.version), features: row.features, mvt: row.mvt };
};

export function tileBuilder(db: Database): TileBuilder {
  if (db.engine === 'postgis') {
    // A plain promise chain, not an async function: one fewer promise between the answer and the response.
    return (address) =>
      db
        .query<TileRow>(address.layer.sql, tileParams(address), { name: address.layer.statement })
        .then(builtFromRow);
  }
  return async (address) => {
    const rows = await db.query<{ version: number; id: number | null } & Omit<FeatureRow, 'id'>>(address.layer.sql, tileParams(address), {
      name: address.layer.statement,
    });
    const features = rows.filter((r): r is typeof r & FeatureRow => r.id !== null);
    return { version: Number(rows[0]!.version), features: features.length, mvt: encodeMvt(address.layer.id, features) };
  };
}
