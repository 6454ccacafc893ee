// Strings of the share dialog, the exports and the embed's chrome, in Chinese and English. Kept apart
// from i18n.ts's big tables (several people add strings there); the same pattern: one key type for both
// languages, so a missing translation is a compile error.
import type { Locale } from '../i18n.ts';

const zh = {
  shareOpen: '分享 / 导出',
  shareOpenLabel: '分享链接、嵌入代码与导出',
  shareTitle: '分享与导出',
  shareLink: '当前视图链接',
  shareEmbed: '嵌入代码（iframe）',
  shareEmbedHint: '粘贴到网页中即可嵌入地图；地图在页面中不会拦截滚动，按住 Ctrl（Mac 上为 ⌘）滚动可缩放。',
  shareCopyLink: '复制链接',
  shareCopyEmbed: '复制嵌入代码',
  shareCopied: '已复制',
  shareCopyFailed: '无法自动复制，请手动选择文本复制',
  shareExport: '导出',
  exportPng: '地图图片（PNG）',
  exportCsv: '所显示的流动（CSV）',
  exportGeoJson: '所显示的流动（GeoJSON）',
  exportGeoJsonCurves: '所显示的流动（GeoJSON，按图中曲线）',
  exportGeoJsonHint: 'GeoJSON 为起点到终点的直线（数据本身）；“按图中曲线”为地图上的弯曲路径，仅供制图，不是流动的实际路线',
  exportDone: '已生成 {file}',
  exportFailed: '导出失败：{reason}',
  exportNoFlows: '流动数据尚未载入',
  exportFlowCount: '共 {n} 条流动，含依据与来源',
  close: '关闭',
  closeLabel: '关闭分享对话框',
  iframeTitle: '城乡图谱：要素流动地图',
  embedOpenFull: '打开完整地图',
  embedLegendShow: '图例与来源',
  embedLegendHide: '隐藏图例',
  embedLanguage: 'English',
  embedLanguageLabel: '切换为英文界面',
  gestureWindows: '按住 Ctrl 键并滚动鼠标滚轮以缩放地图',
  gestureMac: '按住 ⌘ 键并滚动以缩放地图',
  gestureMobile: '请用两根手指移动地图',
  pngTitle: '城乡图谱 · 要素流动',
  pngFlows: '显示 {n} 条流动；实线：实测，浅色：模型估算，虚线：文献记载（无数字）',
  pngExported: '导出于 {date}',
} as const;

export type ShareKey = keyof typeof zh;
type Messages = Record<ShareKey, string>;

const en: Messages = {
  shareOpen: 'Share / export',
  shareOpenLabel: 'Share a link, embed code and exports',
  shareTitle: 'Share and export',
  shareLink: 'Link to this view',
  shareEmbed: 'Embed code (iframe)',
  shareEmbedHint: 'Paste it into a web page to embed the map. The map does not capture page scrolling; hold Ctrl (⌘ on a Mac) while scrolling to zoom.',
  shareCopyLink: 'Copy link',
  shareCopyEmbed: 'Copy embed code',
  shareCopied: 'Copied',
  shareCopyFailed: 'Could not copy automatically; select the text and copy it',
  shareExport: 'Export',
  exportPng: 'Map image (PNG)',
  exportCsv: 'Flows shown (CSV)',
  exportGeoJson: 'Flows shown (GeoJSON)',
  exportGeoJsonCurves: 'Flows shown (GeoJSON, curves as drawn)',
  exportGeoJsonHint: 'GeoJSON holds straight origin → destination lines (the data); “curves as drawn” holds the bent paths of the map, for cartography only, not the route a flow took',
  exportDone: '{file} created',
  exportFailed: 'Export failed: {reason}',
  exportNoFlows: 'The flows have not loaded yet',
  exportFlowCount: '{n} flows, with basis and sources',
  close: 'Close',
  closeLabel: 'Close the share dialog',
  iframeTitle: 'Chengxiang Atlas: factor flow map',
  embedOpenFull: 'Open full map',
  embedLegendShow: 'Legend and sources',
  embedLegendHide: 'Hide legend',
  embedLanguage: '中文',
  embedLanguageLabel: 'Switch to Chinese',
  gestureWindows: 'Use Ctrl + scroll to zoom the map',
  gestureMac: 'Use ⌘ + scroll to zoom the map',
  gestureMobile: 'Use two fingers to move the map',
  pngTitle: 'Chengxiang Atlas · factor flows',
  pngFlows: '{n} flows shown; solid: observed, light: modelled estimate, dashed: documented (no figure)',
  pngExported: 'Exported {date}',
};

const tables: Record<Locale, Messages> = { 'zh-CN': zh, en };

export function shareText(locale: Locale, key: ShareKey, params: Record<string, string | number> = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
