// Wires sharing into the page: the full map gets the share / export dialog in its top bar; the embed
// (/embed) gets its small chrome and the postMessage bridge instead.
import './share.css';
import { mountEmbedChrome } from '../embed/embed-chrome.ts';
import { startMessageBridge } from '../embed/message-bridge.ts';
import type { AtlasHook } from '../main.ts';
import type { Box } from '../unit-details.ts';
import { mountShareDialog } from './share-dialog.ts';

export function mountShareAndEmbed(hook: AtlasHook, opts: { embedded: boolean; fitBox(box: Box, o?: { minZoom?: number }): void }): void {
  if (opts.embedded) {
    mountEmbedChrome(hook, hook.map.getContainer().parentElement ?? document.body);
    startMessageBridge(hook, { fitBox: opts.fitBox });
    return;
  }
  const topbar = document.querySelector<HTMLElement>('.topbar');
  if (topbar) mountShareDialog(hook, topbar);
}
