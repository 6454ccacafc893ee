// Links between the full map and its embed: the same view (camera and filters live in the hash), a
// different path. Pure string work, so the share dialog and the embed's "open full map" agree exactly.

export const EMBED_PATH = '/embed';

export const isEmbedPath = (pathname: string): boolean => pathname === EMBED_PATH || pathname === `${EMBED_PATH}/`;

interface Place {
  origin: string;
  search: string;
  hash: string;
}

/** Keeps only the query parameters that mean something on the other page. */
function carry(search: string, keep: readonly string[]): string {
  const from = new URLSearchParams(search);
  const to = new URLSearchParams();
  for (const k of keep) {
    const v = from.get(k);
    if (v !== null) to.set(k, v);
  }
  const s = to.toString();
  return s ? `?${s}` : '';
}

/** The full map at the same view: what "open full map" in an embed points to. */
export function fullMapUrl(at: Place): string {
  return `${at.origin}/${carry(at.search, ['lang'])}${at.hash}`;
}

/** The embed at the same view; `origins` (the postMessage allow-list) is the host author's to add. */
export function embedUrl(at: Place, opts: { lang?: string } = {}): string {
  const q = new URLSearchParams(carry(at.search, ['lang', 'origins']));
  if (opts.lang) q.set('lang', opts.lang);
  const s = q.toString();
  return `${at.origin}${EMBED_PATH}${s ? `?${s}` : ''}${at.hash}`;
}

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The iframe a host page pastes; the title is what a screen reader announces for the frame. */
export function iframeSnippet(src: string, title: string, size: { width: string; height: number } = { width: '100%', height: 480 }): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="${attr(size.width)}" height="${size.height}" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
}
