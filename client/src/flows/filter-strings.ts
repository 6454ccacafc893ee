// Strings of the period, mechanism, integration and benefit filters, the animated mode, aggregation notes
// and the core/periphery view, in Chinese and English. Kept apart from i18n.ts's tables (several parts of
// the page add strings at once); same shape: one key type, so a missing translation is a compile error.
import type { I18n, Locale } from '../i18n.ts';

const zh = {
  period: '时期',
  periodFrom: '起始年份',
  periodTo: '截止年份',
  periodRange: '{from}–{to} 年',
  periodNote: '显示时期与所选年份重叠的流动，数值按整段计入',
  mechanism: '机制',
  integration: '融合类型',
  benefit: '利益联结',
  narrowNote: '只勾选部分时，未注明此项的流动不显示',
  loading: '正在更新…',
  loadFailed: '无法载入筛选后的流动',
  nothingMatches: '没有流动符合所选条件',
  animate: '动态显示流向',
  animateNote: '圆点沿弧线从流出地移向流入地',
  animateReduced: '系统设置为减少动态效果，动画已停用',
  aggregated: '已按缩放级别合并相邻端点（约 {px} 像素网格），共 {n} 条',
  hidden: '另有 {n} 条较小的流动未显示（按各单位内规模取前 {cap} 条）',
  withinCell: '{n} 条流动两端落在同一合并点内，未画出',
  synthetic: '合成数据：本服务器显示基准测试用的合成流动，并非真实数据',
  syntheticTip: '合成（基准测试）',
  tipSynthetic: '数据性质',
  coreTitle: '核心—外围',
  coreShow: '按城镇化率划分核心与外围',
  coreThreshold: '城镇化率门槛（%）',
  coreRule: '城镇化率 ≥ {t}% 为核心，其余为外围；无数据者不分组',
  coreUnits: '核心 {core} 个，外围 {periphery} 个，未分组 {none} 个',
  coreToPeriphery: '核心 → 外围',
  peripheryToCore: '外围 → 核心',
  coreNet: '净流向外围',
  coreCountOnly: '{n} 条（无数字）',
  coreNone: '所选要素在核心与外围之间没有流动',
  coreUnitBasis: '单位：{unit}；依据：{basis}',
  coreGroupCore: '核心',
  coreGroupPeriphery: '外围',
  coreGroupNone: '无城镇化率数据',
  coreHidesBalance: '核心—外围着色时不显示净流入分级图',
  coreFailed: '无法载入核心—外围统计',
  coreSource: '城镇化率来源：{sources}',
} as const;

export type FilterKey = keyof typeof zh;

const en: Record<FilterKey, string> = {
  period: 'Period',
  periodFrom: 'From year',
  periodTo: 'To year',
  periodRange: '{from}–{to}',
  periodNote: 'flows whose period overlaps the chosen years; figures count whole',
  mechanism: 'Mechanism',
  integration: 'Integration type',
  benefit: 'Benefit linkage',
  narrowNote: 'when only some are ticked, flows that state none are left out',
  loading: 'Updating…',
  loadFailed: 'Could not load the filtered flows',
  nothingMatches: 'No flow matches these filters',
  animate: 'Animate direction',
  animateNote: 'dots travel along each arc from origin to destination',
  animateReduced: 'your system asks for reduced motion: animation is off',
  aggregated: 'Ends merged by zoom (a grid of about {px} px): {n} flows',
  hidden: '{n} smaller flows not shown (largest {cap} kept, by share within each unit)',
  withinCell: '{n} flows with both ends in one merged point are not drawn',
  synthetic: 'Synthetic data: this server shows generated benchmark flows, not real ones',
  syntheticTip: 'synthetic (benchmark)',
  tipSynthetic: 'Data',
  coreTitle: 'Core / periphery',
  coreShow: 'Group units as core or periphery by urbanisation',
  coreThreshold: 'Urbanisation threshold (%)',
  coreRule: 'core: urbanisation ≥ {t}%; periphery: the rest; units without a figure are not grouped',
  coreUnits: '{core} core, {periphery} periphery, {none} not grouped',
  coreToPeriphery: 'core → periphery',
  peripheryToCore: 'periphery → core',
  coreNet: 'net to periphery',
  coreCountOnly: '{n} (no figure)',
  coreNone: 'No flows between core and periphery for these factors',
  coreUnitBasis: 'Unit: {unit}; basis: {basis}',
  coreGroupCore: 'core',
  coreGroupPeriphery: 'periphery',
  coreGroupNone: 'no urbanisation figure',
  coreHidesBalance: 'the net balance choropleth is hidden while core/periphery is shown',
  coreFailed: 'Could not load the core/periphery totals',
  coreSource: 'Urbanisation from: {sources}',
};

const tables: Record<Locale, Record<FilterKey, string>> = { 'zh-CN': zh, en };

export function ft(i18n: Pick<I18n, 'locale'>, key: FilterKey, params: Record<string, string | number> = {}): string {
  return tables[i18n.locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
