import { useCallback } from 'react';
import { useLang } from '../../i18n.js';
import type { TargetKey } from '../../../shared/schemas/stats.js';

// The board's own strings, Chinese first; kept beside the page so the shared message table stays small.
const text = {
  title: ['统计看板', 'Statistics dashboard'],
  asOf: ['统计日期', 'As of'],
  today: ['今天', 'Today'],
  yearEnd: ['{y} 年末', 'End of {y}'],
  export: ['导出本页表格', 'Export this view'],
  report: ['年度统计报表', 'Yearly report'],
  print: ['打印', 'Print'],
  board: ['目标达成', 'Targets'],
  boardUnit: ['单位：占目标的百分比（%），条上数字为实际值', 'Unit: % of target; labels show the actual value'],
  ranking: ['下级排名：{metric}', 'Ranking below: {metric}'],
  growth: ['历年发展', 'Growth by year'],
  growthUnit: ['单位：个（年末在册，当年为统计日）', 'Unit: organizations (in the register at year end; this year: on the date)'],
  composition: ['类别构成', 'Composition by category'],
  compositionUnit: ['单位：个（统计日在册）', 'Unit: organizations in the register on the date'],
  source: ['数据截至 {d} · 来源：社会组织名录；人口为录入的常住人口', 'As of {d} · Source: the registry; population as entered'],
  demoPopulation: ['人口为演示数据', 'Demo population figures'],
  partialPopulation: ['部分下级人口未录入', 'Population missing below'],
  noPopulation: ['人口未录入', 'Population not entered'],
  population: ['常住人口', 'Residents'],
  orgs: ['在册组织', 'Organizations'],
  region: ['区划', 'Area'],
  value: ['实际值', 'Value'],
  target: ['目标', 'Target'],
  gap: ['差距', 'Gap'],
  status: ['状态', 'Status'],
  fraction: ['分子 / 分母', 'Numerator / denominator'],
  year: ['年份', 'Year'],
  total: ['年末在册', 'In register'],
  added: ['当年新增', 'Entered'],
  closed: ['当年注销', 'Left'],
  category: ['类别', 'Category'],
  count: ['数量', 'Count'],
  share: ['占比', 'Share'],
  orgList: ['数字背后的组织', 'Organizations behind the figure'],
  orgListOf: ['{node}：{scope}', '{node}: {scope}'],
  showOrgs: ['查看组织名单', 'Show organizations'],
  name: ['名称', 'Name'],
  form: ['组织形式', 'Form'],
  recordedOn: ['登记/备案日期', 'Entered'],
  drillHint: ['点击指标查看下级，点击下级名称继续下钻', 'Click a figure for the areas below; click an area to drill down'],
  noChildren: ['本节点没有下级', 'No areas below'],
  met: ['达标', 'Met'],
  close: ['接近', 'Close'],
  behind: ['未达标', 'Behind'],
  'no-data': ['无数据', 'No data'],
  scopeRegister: ['在册组织', 'in the register'],
  scopeUrban: ['城市社区中的组织', 'in urban communities'],
  scopeRural: ['村中的组织', 'in villages'],
  scopeAdded: ['当年新增的组织', 'entered this year'],
  countsFrom: ['（其他日期按名录逐条统计）', ' (other dates are counted from the registry)'],
} as const;

const itemText: Record<TargetKey, [string, string]> = {
  orgsPer10k: ['每万人组织数', 'Per 10,000 residents'],
  growthRate: ['年增长率', 'Yearly growth'],
  orgsPerUrbanCommunity: ['城市社区平均', 'Per urban community'],
  orgsPerRuralCommunity: ['农村社区平均', 'Per village'],
  inspectionRate: ['年检率', 'Inspection rate'],
  partyCoverage: ['党组织覆盖率', 'Party coverage'],
  satisfaction: ['群众满意度', 'Satisfaction'],
};

export type StatsMsg = keyof typeof text;

export function useStatsText() {
  const { lang } = useLang();
  const i = lang === 'zh' ? 0 : 1;
  const t = useCallback(
    (key: StatsMsg, vars?: Record<string, string | number>) =>
      (text[key][i] as string).replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m)),
    [i],
  );
  const item = useCallback((key: TargetKey) => itemText[key][i], [i]);
  return { t, item };
}
