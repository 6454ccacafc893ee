// The view part of the URL hash: the camera (`view=zoom/lat/lon`, the same key and format MapLibre's own
// hash uses), the unit drilled into (`drill=`) and the selected unit (`sel=`). The flow filters live in the
// same hash (url-state.ts); each side rewrites only its own keys, so the two compose in either order.
// A hostile or mistyped value is dropped, never thrown: a bad link opens the default view.
export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

export interface ViewUrlState {
  camera: Camera | null;
  /** 12-digit code of the unit drilled into, or null for the top level. */
  drill: string | null;
  /** 12-digit code of the selected unit, or null. */
  selection: string | null;
}

export const VIEW_KEYS = ['view', 'drill', 'sel'] as const;
const MAX_ZOOM = 24;
const NUMBER = /^-?\d{1,3}(\.\d{1,10})?$/;

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, ''));
}

/** 6, 9 or 12 digits in, the 12-digit code out; anything else is null. */
export function codeParam(raw: string | null): string | null {
  if (raw === null || !/^(\d{6}|\d{9}|\d{12})$/.test(raw)) return null;
  const code = raw.padEnd(12, '0');
  // The first two digits are a province: 11–82 in the NBS scheme; 00 is never a unit.
  return /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/.test(code) ? code : null;
}

/** The shortest form people write: 330329 for a county, 330329100 for a township, 12 digits for a village. */
export function shortCodeParam(code: string): string {
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

export function parseCamera(raw: string | null): Camera | null {
  if (raw === null) return null;
  const parts = raw.split('/');
  // MapLibre may add bearing and pitch; this map never rotates or tilts, so only the first three count.
  if (parts.length < 3 || parts.length > 5 || !parts.slice(0, 3).every((p) => NUMBER.test(p))) return null;
  const [zoom, lat, lon] = parts.slice(0, 3).map(Number) as [number, number, number];
  if (zoom < 0 || zoom > MAX_ZOOM || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

/** MapLibre's own rounding: two decimals of zoom, and enough of a degree for a pixel at that zoom. */
export function formatCamera(c: Camera): string {
  const precision = Math.max(0, Math.ceil((c.zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
  const m = 10 ** precision;
  const round = (v: number) => String(Math.round(v * m) / m);
  return `${Math.round(c.zoom * 100) / 100}/${round(c.lat)}/${round(c.lon)}`;
}

export function readViewHash(hash: string): ViewUrlState {
  const p = params(hash);
  return { camera: parseCamera(p.get('view')), drill: codeParam(p.get('drill')), selection: codeParam(p.get('sel')) };
}

/**
 * The hash with the view written in and every other key kept. `camera: undefined` leaves the camera as it
 * is (MapLibre keeps it current on every move); null removes it.
 */
export function writeViewHash(hash: string, s: Omit<ViewUrlState, 'camera'> & { camera?: Camera | null }): string {
  const p = params(hash);
  if (s.camera !== undefined) {
    p.delete('view');
    if (s.camera) p.set('view', formatCamera(s.camera));
  }
  p.delete('drill');
  p.delete('sel');
  if (s.drill) p.set('drill', shortCodeParam(s.drill));
  if (s.selection) p.set('sel', shortCodeParam(s.selection));
  const text = p.toString().replace(/%2F/gi, '/').replace(/%7C/gi, '|').replace(/%2C/gi, ',');
  return text ? `#${text}` : '';
}
