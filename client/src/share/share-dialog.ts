// The "share / export" dialog: the link to this view, the iframe snippet for the embed, copy buttons, and
// the exports. A native modal <dialog> (the rest of the page is inert) with its own Tab loop, Escape to
// close, and focus returned to the button that opened it.
import { h } from '../dom.ts';
import { embedUrl, iframeSnippet } from '../data/embed-link.ts';
import { exportCsv, exportGeoJson, exportPng } from '../export/exports.ts';
import type { AtlasHook } from '../main.ts';
import { shareText, type ShareKey } from './strings.ts';

const FOCUSABLE = 'button:not([disabled]), input, textarea, a[href]';

async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or not a secure context): the old way, from the selected field.
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function mountShareDialog(hook: AtlasHook, topbar: HTMLElement): void {
  const t = (key: ShareKey, params?: Record<string, string | number>) => shareText(hook.locale, key, params);
  const opener = h('button', { type: 'button', id: 'share-open', class: 'share-open', 'aria-haspopup': 'dialog' });
  topbar.insertBefore(opener, topbar.querySelector('#lang-switch'));
  const dialog = h('dialog', { id: 'share-dialog', class: 'share-dialog', 'aria-labelledby': 'share-title' });
  document.body.append(dialog);

  const label = () => {
    opener.textContent = t('shareOpen');
    opener.setAttribute('aria-label', t('shareOpenLabel'));
  };

  function render(): void {
    const status = h('p', { class: 'share-status', role: 'status', 'aria-live': 'polite' });
    const say = (text: string) => (status.textContent = text);
    const link = `${location.origin}${location.pathname}${location.search}${location.hash}`;
    // The embed's readers have no language switch (no top bar): an English page shares an English embed.
    const snippet = iframeSnippet(embedUrl(location, hook.locale === 'en' ? { lang: 'en' } : {}), t('iframeTitle'));
    const linkField = h('input', { id: 'share-link', type: 'text', readonly: true, value: link, spellcheck: 'false' });
    const embedField = h('textarea', { id: 'share-embed', readonly: true, rows: 4, spellcheck: 'false', 'aria-describedby': 'share-embed-hint' }, snippet);
    const copyButton = (key: ShareKey, text: string, field: HTMLInputElement | HTMLTextAreaElement) =>
      h('button', { type: 'button', class: 'share-copy', onclick: async () => say((await copyText(text, field)) ? t('shareCopied') : t('shareCopyFailed')) }, t(key));
    const exportButton = (id: string, key: ShareKey, run: () => string | Promise<string>) =>
      h('button', {
        type: 'button',
        id,
        onclick: async () => {
          try {
            say(t('exportDone', { file: await run() }));
          } catch (err) {
            say(t('exportFailed', { reason: (err as Error).message }));
          }
        },
      }, t(key));
    const count = hook.flows.shown()?.flows.length;

    dialog.replaceChildren(
      h('div', { class: 'share-head' }, h('h2', { id: 'share-title' }, t('shareTitle')), h('button', { type: 'button', class: 'share-close', 'aria-label': t('closeLabel'), onclick: close }, '×')),
      h('div', { class: 'share-field' }, h('label', { for: 'share-link' }, t('shareLink')), h('div', { class: 'share-row' }, linkField, copyButton('shareCopyLink', link, linkField))),
      h(
        'div',
        { class: 'share-field' },
        h('label', { for: 'share-embed' }, t('shareEmbed')),
        embedField,
        h('p', { id: 'share-embed-hint', class: 'share-hint' }, t('shareEmbedHint')),
        copyButton('shareCopyEmbed', snippet, embedField),
      ),
      h(
        'section',
        { class: 'share-exports', 'aria-labelledby': 'share-export-title' },
        h('h3', { id: 'share-export-title' }, t('shareExport')),
        h('div', { class: 'share-row' }, exportButton('export-png', 'exportPng', () => exportPng(hook)), exportButton('export-csv', 'exportCsv', () => exportCsv(hook)), exportButton('export-geojson', 'exportGeoJson', () => exportGeoJson(hook)), exportButton('export-geojson-curves', 'exportGeoJsonCurves', () => exportGeoJson(hook, 'curve'))),
        h('p', { class: 'share-hint' }, t('exportGeoJsonHint')),
        count !== undefined ? h('p', { class: 'share-hint' }, t('exportFlowCount', { n: count })) : null,
      ),
      status,
    );
  }

  function open(): void {
    render();
    dialog.showModal();
    const field = dialog.querySelector<HTMLInputElement>('#share-link')!;
    field.focus();
    field.select();
  }
  function close(): void {
    if (!dialog.open) return;
    dialog.close();
    opener.focus();
  }

  opener.addEventListener('click', open);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault(); // closed by close(), which also returns focus
    close();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    // The dialog's own padding is the dialog too: only a click outside its box is on the backdrop.
    const r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) close();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // the page's own Escape closes the unit panel: not this time
      close();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  hook.onLocale(() => {
    label();
    if (dialog.open) render();
  });
  label();
}
