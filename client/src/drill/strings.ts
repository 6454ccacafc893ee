// Strings of the drill-down bar, the search box and the unit panel's data sections, in Chinese and
// English. Kept apart from i18n.ts's big tables; the same rule holds: one key type for both languages.
import type { I18n, Locale } from '../i18n.ts';

const zh = {
  drillNav: '下钻层级',
  drillTop: '全部',
  drillShowing: '当前显示：{level}',
  drillStepUp: '返回 {name}',
  drillEntered: '已进入 {name}，显示下辖{level}单位',
  drillLeft: '已返回 {name}',
  searchLabel: '搜索行政单位',
  searchPlaceholder: '名称、拼音或代码',
  searchHint: '输入名称、拼音或区划代码，用上下方向键选择，回车键定位。',
  searchResults: '搜索结果',
  searchNone: '没有找到匹配的单位',
  searchCount: '找到 {n} 个单位',
  searchFailed: '搜索失败',
  indicators: '指标',
  indicatorsNone: '暂无指标数据',
  balance: '要素流入、流出与净值',
  balanceNone: '暂无流动记录',
  balanceIn: '流入',
  balanceOut: '流出',
  balanceNet: '净值',
  partners: '主要往来单位',
  partnersIn: '流入来源',
  partnersOut: '流出去向',
  partnersNone: '暂无往来单位',
  noFigure: '无数据',
  flowsCount: '{n} 条',
  chartTitle: '{indicator}（{from}–{to} 年）',
  chartLabel: '{indicator}逐年变化折线图：{values}',
  sourceLabel: '来源：{source}',
  unitLabel: '单位：{unit}',
  sectionLoading: '正在载入…',
  sectionFailed: '无法载入',
  year: '{year} 年',
  'basis.observed': '实测',
  'basis.documented': '文献记载',
  'basis.modelled': '模型估算（非实测）',
  balanceLevel: '着色单位：{level}',
  balanceLevelWithin: '着色单位：{level}（仅当前下钻范围内）',
  balanceTownshipAreas: '乡级面积为近似（由驻地生成），着色处仍画阴影线',
  balanceVillagePoints: '村没有边界面：净值以村驻地处的圆点着色（仅有驻地坐标的村）',
  balanceLevelEmpty: '{level}单位没有该量度的数值，地图未着色',
  balanceWithoutPoint: '其中 {n} 个村没有驻地坐标，计入分级但未画出',
} as const;

export type DrillKey = keyof typeof zh;

const en: Record<DrillKey, string> = {
  drillNav: 'Drill-down level',
  drillTop: 'All',
  drillShowing: 'Showing: {level} units',
  drillStepUp: 'Back to {name}',
  drillEntered: 'Entered {name}; showing its {level} units',
  drillLeft: 'Back to {name}',
  searchLabel: 'Search administrative units',
  searchPlaceholder: 'name, pinyin or code',
  searchHint: 'Type a name, pinyin or code; use the up and down arrows to choose and Enter to go there.',
  searchResults: 'Search results',
  searchNone: 'No matching unit',
  searchCount: '{n} units found',
  searchFailed: 'Search failed',
  indicators: 'Indicators',
  indicatorsNone: 'No indicators yet',
  balance: 'Inflow, outflow and net by factor',
  balanceNone: 'No flows recorded',
  balanceIn: 'in',
  balanceOut: 'out',
  balanceNet: 'net',
  partners: 'Top partners',
  partnersIn: 'from',
  partnersOut: 'to',
  partnersNone: 'No partners recorded',
  noFigure: 'no figure',
  flowsCount: '{n} flows',
  chartTitle: '{indicator} ({from}–{to})',
  chartLabel: 'Line chart of {indicator} by year: {values}',
  sourceLabel: 'source: {source}',
  unitLabel: 'unit: {unit}',
  sectionLoading: 'Loading…',
  sectionFailed: 'Could not load',
  year: '{year}',
  'basis.observed': 'observed',
  'basis.documented': 'documented',
  'basis.modelled': 'modelled estimate (not measured)',
  balanceLevel: 'Coloured: {level} units',
  balanceLevelWithin: 'Coloured: {level} units (inside the drilled-in unit only)',
  balanceTownshipAreas: 'Township areas are approximate (made from seats) and stay hatched under the colour',
  balanceVillagePoints: 'Villages have no areas: the net is drawn as a disc at each village seat (only villages with a known seat)',
  balanceLevelEmpty: 'No {level} unit has a figure for this measure: nothing is coloured',
  balanceWithoutPoint: '{n} of these villages have no known seat: counted in the classes but not drawn',
};

const tables: Record<Locale, Record<DrillKey, string>> = { 'zh-CN': zh, en };

export function dt(locale: Locale, key: DrillKey, params: Record<string, string | number> = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A translator bound to the page's current language. */
export const drillT = (i18n: I18n) => (key: DrillKey, params?: Record<string, string | number>) => dt(i18n.locale, key, params);
