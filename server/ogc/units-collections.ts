// Administrative units as OGC collections: `units` holds every level; `counties`, `townships` and
// `villages` hold one level each, so a GIS client gets one layer per tier of the atlas. All four share
// one feature query, narrowed by the level.
import { LEVELS } from '../flows/vocabulary.ts';
import type { Collection, PropertyDoc } from './collection.ts';
import { collectionSql } from './collection-sql.ts';
import { SOURCE_PROPERTIES } from './source-properties.ts';

const UNIT_PROPERTIES: Record<string, PropertyDoc> = {
  code: { type: 'string', description: 'Official NBS code, 12 digits (the feature id).' },
  parent_code: { type: 'string', nullable: true, description: 'NBS code of the parent unit.' },
  level: { type: 'string', enum: LEVELS, description: 'Administrative level.' },
  name_zh: { type: 'string', description: 'Chinese name.' },
  name_en: { type: 'string', nullable: true, description: 'Pinyin or English name.' },
  geom_quality: {
    type: 'string',
    enum: ['surveyed', 'approximate', 'none'],
    description: 'How far the boundary can be trusted: surveyed, approximate (e.g. drawn from seats), or none (no boundary).',
  },
  geometry_kind: {
    type: 'string',
    nullable: true,
    enum: ['boundary', 'point'],
    description: 'What the feature geometry is: the boundary polygon, or the representative point where no boundary exists; null when neither exists.',
  },
  point_basis: {
    type: 'string',
    nullable: true,
    enum: ['seat', 'surface', 'centroid', 'name_match'],
    description: 'What the representative point is: a published seat, a point on the boundary\u2019s surface, its centroid, or the point of a same-named unit in an older list.',
  },
  point_lon: { type: 'number', nullable: true, description: 'Longitude of the representative point (WGS 84).' },
  point_lat: { type: 'number', nullable: true, description: 'Latitude of the representative point (WGS 84).' },
  vintage: { type: 'string', description: 'The vintage of the codes and boundary, as the source gives it.' },
  geom_source_id: { type: 'string', nullable: true, description: 'Source of the geometry, where it is not the unit\u2019s own source (e.g. derived township areas).' },
  geom_source_title: { type: 'string', nullable: true, description: 'Title of the geometry source.' },
  point_source_id: { type: 'string', nullable: true, description: 'Source of the representative point, where it is not the unit\u2019s own source (e.g. an older seat list).' },
  point_source_title: { type: 'string', nullable: true, description: 'Title of the point source.' },
  note: { type: 'string', nullable: true, description: 'Provenance remarks.' },
  ...SOURCE_PROPERTIES,
};

const DATETIME_MEANING =
  "A unit's time is the whole of the first year its vintage names (\u201cNBS 2023 (divisions as of 2023-06-30)\u201d → 2023; \u201ccounty codes of 2020-06\u201d → 2020). A datetime selects the units whose vintage year it meets; units whose vintage names no year are left out whenever datetime is given.";

function unitsCollection(id: string, level: (typeof LEVELS)[number] | null, title: string, description: string): Collection {
  return {
    id,
    title,
    description,
    geometryTypes: ['MultiPolygon', 'Point'],
    datetimeMeaning: DATETIME_MEANING,
    properties: UNIT_PROPERTIES,
    featureId: {
      type: 'string',
      description: 'The 12-digit NBS code, e.g. 330329000000.',
      parse: (raw) => (/^\d{12}$/.test(raw) ? raw : null),
    },
    sql: collectionSql('units', 'char(12)', { level }),
  };
}

export function unitsCollections(): Collection[] {
  const geometryNote =
    'The geometry is the boundary (MultiPolygon) where one exists, else the representative point, else null; geometry_kind and geom_quality say which and how good.';
  return [
    unitsCollection('units', null, 'Administrative units (all levels)', `Every province, prefecture, county, township and village, with its NBS code, names, source and vintage. ${geometryNote}`),
    unitsCollection('counties', 'county', 'Counties', `County-level units (县, 区, 县级市). ${geometryNote}`),
    unitsCollection('townships', 'township', 'Townships', `Townships and streets (乡, 镇, 街道). Their areas are approximate where geom_quality says so. ${geometryNote}`),
    unitsCollection('villages', 'village', 'Villages', `Villages and communities (村, 社区). Most have no boundary. ${geometryNote}`),
  ];
}
