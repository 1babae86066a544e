import { defineMessages } from '../../i18n.js';

// The ledger's import, export and print buttons (ledger pages of features/ledger place them). Chinese first; English
// complete beside it, key for key. Messages from the server (per-row problems, refusals) stay Chinese in both modes.
const zh_CN = {
  'ledgerio.import': '导入台账',
  'ledgerio.importTitle': '导入活动台账',
  'ledgerio.importStep1': '下载模板，按表头填写（活动类型为本区设置的类型，可在模板中下拉选择）',
  'ledgerio.importRules':
    '按“组织名称”或“统一社会信用代码/备案编号”找到组织：社区工作人员可导入本社区组织的活动，联合会可导入本会及会员组织的活动。开始时间写成 2026-03-05 09:00（只写日期也可以），结束时间不填视为与开始时间相同。同一组织、同一开始时间、同一活动名称的活动视为已导入，不会重复新增。表格下方的合计、说明、填表人等行自动跳过。',
  'ledgerio.importInterruptedHint': '继续只处理剩下的行；重新导入会再读一遍全部行，已导入的活动按“组织 + 开始时间 + 活动名称”匹配，不会重复。',
  'ledgerio.export': '导出 Excel',
  'ledgerio.exportHint': '按当前区划、期间和组织导出全部活动（与导入模板同列，可修改后再导入）',
  'ledgerio.print': '打印台账',
  'ledgerio.printHint': 'A4 横向，含单位与期间、序号、签字栏和页码；不选期间时为近 12 个月（与台账页相同）',
};

const en_US: typeof zh_CN = {
  'ledgerio.import': 'Import ledger',
  'ledgerio.importTitle': 'Import ledger activities',
  'ledgerio.importStep1': 'Download the template and fill it in (activity types are the district’s list, with a drop-down)',
  'ledgerio.importRules':
    'Each row is matched to an organization by its name or its credit code / filing number: community staff import for the organizations of their community, a federation for itself and its members. Write the start as 2026-03-05 09:00 (a date alone will do); a blank end equals the start. The same organization, start and title is the same activity and is never added twice. Totals, notes and signature rows below the data are skipped.',
  'ledgerio.importInterruptedHint': 'Resume processes the remaining rows only; rerun reads every row again, and activities already imported are matched by organization, start and title, never duplicated.',
  'ledgerio.export': 'Export to Excel',
  'ledgerio.exportHint': 'Every activity of the current region, period and organization (the template’s columns: edit and import it again)',
  'ledgerio.print': 'Print ledger',
  'ledgerio.printHint': 'A4 landscape with the unit and period, numbered rows, signature lines and page numbers; the last twelve months when no period is chosen (as on the ledger page)',
};

export const ledgerioMessages = defineMessages({ zh_CN, en_US });
