// Every string the page shows, in Chinese (the default) and English. The two tables share one key type,
// so a string missing in one language is a compile error, not a blank on screen.
export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

const zh = {
  title: '城乡图谱',
  subtitle: '温州 · 县、乡两级',
  mapLabel: '行政区划地图。用方向键平移，加减号缩放，回车键选中地图中心处的单位。',
  mapRegion: '地图',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleAttribution: '显示或隐藏数据来源',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch the page to English',
  hint: '点击地图上的区域查看详情',
  legendTitle: '图例',
  legendCounty: '县级单位',
  legendTownship: '乡级单位',
  legendApproximate: '范围为推算示意，非官方界线',
  legendRiver: '主要河流',
  legendLand: '陆地',
  legendCredits: '底图：陆地 © OpenStreetMap 贡献者（ODbL）；河流 GSHHG/WDBII（LGPL）。边界数据来源见右下角 ⓘ 及各单位详情。',
  panelLabel: '所选单位',
  close: '关闭',
  closeLabel: '关闭详情面板',
  loading: '正在载入…',
  loadFailed: '无法载入该单位的信息。',
  code: '区划代码',
  level: '层级',
  quality: '数据质量',
  point: '位置点',
  vintage: '数据年份',
  source: '来源',
  publisher: '发布者',
  licence: '许可',
  originalCrs: '原始坐标系',
  link: '原始数据',
  breadcrumb: '上级区划',
  children: '下辖单位',
  childrenCount: '共 {n} 个',
  approximateBadge: '近似',
  approximateNote: '此范围为近似示意，并非官方界线。',
  noGeometryNote: '暂无边界数据。',
  selected: '已选中：{name}',
  closed: '详情面板已关闭',
  noUnitHere: '此处没有行政单位',
  'level.province': '省级',
  'level.prefecture': '地级',
  'level.county': '县级',
  'level.township': '乡级',
  'level.village': '村级',
  'quality.surveyed': '测绘边界',
  'quality.approximate': '近似范围',
  'quality.none': '无边界',
  'pointBasis.seat': '驻地',
  'pointBasis.centroid': '几何中心',
  notStated: '未注明',
  // Factor flows, alliances and the balance choropleth (client/src/flows).
  flowsTitle: '要素流动',
  flowsPanelLabel: '要素流动图层与筛选',
  flowsFactors: '要素',
  flowsBases: '依据',
  flowsMinMagnitude: '最小规模',
  flowsMinMagnitudeHint: '按各流动自身的单位；无数据的流动始终显示',
  flowsShown: '显示 {n} 条流动',
  flowsObservedNote: '实线：实测数字',
  flowsModelledNote: '浅色：模型估算，非实测',
  flowsDocumentedNote: '虚线、等宽：有文献记载，无数字',
  flowsWidthNote: '线宽表示规模，最宽 = {max} {unit}',
  flowsDirectionNote: '弧线向行进方向右侧弯曲，往返两向分开显示',
  flowsNoFigure: '无数据',
  flowsAlliances: '协作结对',
  flowsAlliancesNote: '深灰点线连接结对双方',
  tipFactor: '要素',
  tipMagnitude: '规模',
  tipBasis: '依据',
  tipMechanism: '机制',
  tipPeriod: '时期',
  tipSource: '来源',
  tipProgramme: '项目',
  allianceSince: '自 {year} 年起',
  allianceUntil: '至 {year} 年',
  balanceTitle: '净流入（流入 − 流出）',
  balanceShow: '显示净流入分级图',
  balanceMeasure: '指标',
  balancePerResident: '按常住人口计（每人）',
  balanceUnit: '单位：{unit}；依据：{basis}',
  balancePerResidentUnit: '{unit} / 常住人口',
  balanceOutflow: '净流出',
  balanceInflow: '净流入',
  balanceNoData: '无数据（未着色）',
  balanceUnits: '{n} 个单位',
} as const;

export type MessageKey = keyof typeof zh;
type Messages = Record<MessageKey, string>;

const en: Messages = {
  title: 'Chengxiang Atlas',
  subtitle: 'Wenzhou · counties and townships',
  mapLabel: 'Map of administrative units. Arrow keys pan, plus and minus zoom, Enter selects the unit at the centre.',
  mapRegion: 'Map',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  toggleAttribution: 'Show or hide data sources',
  switchLanguage: '中文',
  switchLanguageLabel: '切换为中文',
  hint: 'Click an area on the map for details',
  legendTitle: 'Legend',
  legendCounty: 'County-level units',
  legendTownship: 'Township-level units',
  legendApproximate: 'areas are estimates, not official boundaries',
  legendRiver: 'Major rivers',
  legendLand: 'Land',
  legendCredits: 'Basemap: land © OpenStreetMap contributors (ODbL); rivers GSHHG/WDBII (LGPL). Boundary sources: ⓘ at bottom right and each unit’s details.',
  panelLabel: 'Selected unit',
  close: 'Close',
  closeLabel: 'Close the details panel',
  loading: 'Loading…',
  loadFailed: 'Could not load this unit.',
  code: 'Code',
  level: 'Level',
  quality: 'Data quality',
  point: 'Point',
  vintage: 'Vintage',
  source: 'Source',
  publisher: 'Publisher',
  licence: 'Licence',
  originalCrs: 'Original CRS',
  link: 'Original data',
  breadcrumb: 'Part of',
  children: 'Contains',
  childrenCount: '{n} units',
  approximateBadge: 'approximate',
  approximateNote: 'This area is an approximation, not an official boundary.',
  noGeometryNote: 'No boundary data yet.',
  selected: 'Selected: {name}',
  closed: 'Details panel closed',
  noUnitHere: 'No administrative unit here',
  'level.province': 'province',
  'level.prefecture': 'prefecture',
  'level.county': 'county',
  'level.township': 'township',
  'level.village': 'village',
  'quality.surveyed': 'surveyed boundary',
  'quality.approximate': 'approximate area',
  'quality.none': 'no boundary',
  'pointBasis.seat': 'seat',
  'pointBasis.centroid': 'centroid',
  notStated: 'not stated',
  flowsTitle: 'Factor flows',
  flowsPanelLabel: 'Factor flow layers and filters',
  flowsFactors: 'Factors',
  flowsBases: 'Basis',
  flowsMinMagnitude: 'Minimum magnitude',
  flowsMinMagnitudeHint: 'in each flow’s own unit; flows with no figure always show',
  flowsShown: '{n} flows shown',
  flowsObservedNote: 'solid: observed figure',
  flowsModelledNote: 'light: modelled estimate, not measured',
  flowsDocumentedNote: 'dashed, uniform: documented, no figure',
  flowsWidthNote: 'width shows magnitude; widest = {max} {unit}',
  flowsDirectionNote: 'arcs bend to the right of travel, so both directions show',
  flowsNoFigure: 'no figure',
  flowsAlliances: 'Alliances',
  flowsAlliancesNote: 'dark grey dotted line joins the paired units',
  tipFactor: 'Factor',
  tipMagnitude: 'Magnitude',
  tipBasis: 'Basis',
  tipMechanism: 'Mechanism',
  tipPeriod: 'Period',
  tipSource: 'Source',
  tipProgramme: 'Programme',
  allianceSince: 'since {year}',
  allianceUntil: 'until {year}',
  balanceTitle: 'Net balance (inflow − outflow)',
  balanceShow: 'Show the net balance choropleth',
  balanceMeasure: 'Measure',
  balancePerResident: 'per resident',
  balanceUnit: 'Unit: {unit}; basis: {basis}',
  balancePerResidentUnit: '{unit} per resident',
  balanceOutflow: 'net outflow',
  balanceInflow: 'net inflow',
  balanceNoData: 'no data (not coloured)',
  balanceUnits: '{n} units',
};

const tables: Record<Locale, Messages> = { 'zh-CN': zh, en };

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** ?lang= wins, then the user's last choice; Chinese otherwise (the atlas is Chinese first). */
export function pickLocale(search: string, stored: string | null): Locale {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'zh-CN' || asked === 'zh') return asked === 'zh' ? 'zh-CN' : asked;
  return isLocale(stored) ? stored : 'zh-CN';
}

export interface I18n {
  readonly locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  set(locale: Locale): void;
  onChange(listener: (locale: Locale) => void): void;
}

export function createI18n(initial: Locale): I18n {
  let locale = initial;
  const listeners: ((l: Locale) => void)[] = [];
  return {
    get locale() {
      return locale;
    },
    t: (key, params) => translate(locale, key, params),
    set(next) {
      if (next === locale) return;
      locale = next;
      for (const l of listeners) l(next);
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
