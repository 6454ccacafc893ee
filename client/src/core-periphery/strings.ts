// Strings of the core/periphery view's rule choice and core-unit list, in Chinese and English (the rest of
// the view's strings are in flows/filter-strings.ts). One key type for both languages.
import type { I18n, Locale } from '../i18n.ts';

const zh = {
  coreShow: '划分核心与外围',
  ruleLegend: '核心的划分方式',
  ruleUrbanisation: '按城镇化率门槛',
  ruleList: '指定核心单位',
  listRule: '核心：所选 {n} 个单位；流动涉及的其余单位为外围',
  listLabel: '核心单位（勾选即设为核心）',
  listFilter: '筛选单位',
  listFilterHint: '名称、拼音或代码',
  listChosen: '已选 {n} 个核心单位',
  listNone: '尚未选择核心单位：请在下方勾选，或加入地图上选中的单位',
  listMore: '另有 {n} 个单位未列出，请输入名称筛选',
  listEmpty: '没有匹配的单位',
  addSelection: '加入选中单位：{name}',
  addSelectionNone: '加入选中单位（先在地图上选择一个{level}单位）',
  addSelectionOutside: '选中的单位不在流动涉及的{level}单位中',
  levelcounty: '县级',
  leveltownship: '乡级',
  levelvillage: '村级',
  levelShown: '按当前显示的层级划分：{level}单位（{scope}内）',
  listRuleIn: '核心：{scope}内所选 {n} 个{level}单位；流动涉及的其余{level}单位为外围',
  crossingCaption: '与{scope}以外的往来：一端在{scope}以外，不计入上表',
  coreToOutside: '核心→外部',
  outsideToCore: '外部→核心',
  peripheryToOutside: '外围→外部',
  outsideToPeriphery: '外部→外围',
  coreToOutsideLabel: '由核心流向{scope}以外',
  outsideToCoreLabel: '由{scope}以外流入核心',
  peripheryToOutsideLabel: '由外围流向{scope}以外',
  outsideToPeripheryLabel: '由{scope}以外流入外围',
  noUrbanisation: '{level}单位没有城镇化率数据，无法按门槛划分核心与外围；请改用“指定核心单位”',
  noAreas: '{level}单位没有面状边界：地图不着色，只列出上表',
} as const;

export type CoreKey = keyof typeof zh;

const en: Record<CoreKey, string> = {
  coreShow: 'Group units as core or periphery',
  ruleLegend: 'How core units are chosen',
  ruleUrbanisation: 'By urbanisation threshold',
  ruleList: 'A list of core units',
  listRule: 'core: the {n} units chosen; every other unit the flows touch is periphery',
  listLabel: 'Core units (tick to make a unit core)',
  listFilter: 'Filter units',
  listFilterHint: 'name, pinyin or code',
  listChosen: '{n} core units chosen',
  listNone: 'No core unit chosen yet: tick units below, or add the unit selected on the map',
  listMore: '{n} more units not listed: type a name to narrow the list',
  listEmpty: 'No matching unit',
  addSelection: 'Add the selected unit: {name}',
  addSelectionNone: 'Add the selected unit (select a {level} unit on the map first)',
  addSelectionOutside: 'The selected unit is not among the {level} units the flows touch',
  levelcounty: 'county',
  leveltownship: 'township',
  levelvillage: 'village',
  levelShown: 'Grouped at the level shown: {level} units (in {scope})',
  listRuleIn: 'core: the {n} {level} units chosen in {scope}; every other {level} unit the flows touch is periphery',
  crossingCaption: 'Flows across the edge of {scope}: one end outside it, not in the table above',
  coreToOutside: 'Core → outside',
  outsideToCore: 'Outside → core',
  peripheryToOutside: 'Periphery → outside',
  outsideToPeriphery: 'Outside → periphery',
  coreToOutsideLabel: 'From the core to outside {scope}',
  outsideToCoreLabel: 'From outside {scope} to the core',
  peripheryToOutsideLabel: 'From the periphery to outside {scope}',
  outsideToPeripheryLabel: 'From outside {scope} to the periphery',
  noUrbanisation: 'No urbanisation figure for {level} units: they cannot be grouped by a threshold; use “A list of core units” instead',
  noAreas: 'No areas for {level} units: the map is not tinted, only the table is shown',
};

const tables: Record<Locale, Record<CoreKey, string>> = { 'zh-CN': zh, en };

export function ct(i18n: I18n, key: CoreKey, params: Record<string, string | number> = {}): string {
  return tables[i18n.locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
