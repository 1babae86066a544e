import { describe, expect, it } from 'vitest';
import { cellText, codeText, parseCount, parseSheetDate, skipReason } from './normalize.js';

const day = (date: string) => ({ date, precision: 'day' });
const month = (date: string) => ({ date, precision: 'month' });

describe('dates as ledgers hold them', () => {
  it('reads full dates with dashes, slashes, dots, 年月日, full-width digits, a time, eight digits', () => {
    for (const t of ['2015-06-01', '2015/6/1', '2015.6.1', '2015年6月1日', '2015 年 6 月 1 日', '2015年6月1号', '２０１５－０６－０１', '2015-06-01 00:00:00', '2015/6/1 0:00', '20150601', '二〇一五年六月一日']) {
      expect(parseSheetDate(t), t).toEqual(day('2015-06-01'));
    }
    expect(parseSheetDate('二〇一六年十二月二十三日')).toEqual(day('2016-12-23'));
  });

  it('reads a year and a month as the 1st of the month, and says so', () => {
    for (const t of ['2015-06', '2015/6', '2015.6', '2015.06', '2015年6月', '2015年06月份', '２０１５年６月', '201506', '二〇一五年六月']) {
      expect(parseSheetDate(t), t).toEqual(month('2015-06-01'));
    }
    expect(parseSheetDate(201506)).toEqual(month('2015-06-01'));
  });

  it('reads Excel date cells and serial numbers (also as text)', () => {
    expect(parseSheetDate(new Date('2015-06-01T00:00:00Z'))).toEqual(day('2015-06-01'));
    expect(parseSheetDate(42156)).toEqual(day('2015-06-01'));
    expect(parseSheetDate('42156')).toEqual(day('2015-06-01'));
    expect(parseSheetDate(61)).toEqual(day('1900-03-01'));
    expect(parseSheetDate(20150601)).toEqual(day('2015-06-01'));
  });

  it('refuses what is no date, empty is nothing', () => {
    for (const t of ['昨天', '2015-13-01', '2015-02-30', '2015年13月', '15.6', 'abc', -3]) expect(parseSheetDate(t), String(t)).toBe('invalid');
    expect(parseSheetDate(null)).toBeNull();
    expect(parseSheetDate('  ')).toBeNull();
  });
});

describe('cells', () => {
  it('normalizes text and codes to half-width', () => {
    expect(cellText('　仓口社区　')).toBe('仓口社区');
    expect(cellText(30)).toBe('30');
    expect(cellText('')).toBeUndefined();
    expect(codeText('３６０８０２ １９６２０３０４ ００１Ｘ')).toBe('360802196203040 01X'.replace(' ', ''));
    expect(codeText('5336-0802-mjh2448304')).toBe('53360802MJH2448304');
  });

  it('reads head counts as typed', () => {
    expect(parseCount('45人')).toBe(45);
    expect(parseCount('１，２００')).toBe(1200);
    expect(parseCount('10 个')).toBe(10);
    expect(parseCount(30)).toBe(30);
    expect(parseCount('约30')).toBe('invalid');
    expect(parseCount(2.5)).toBe('invalid');
    expect(parseCount('')).toBeNull();
  });
});

describe('rows that are no organization', () => {
  it('skips totals, notes, signatures and the example row', () => {
    for (const row of [
      ['合计', '', '', '', '', 120],
      ['总 计：25 个'],
      ['', '说明：本表由社区填写'],
      ['备注：成员名单另附'],
      ['注：1. 组织形式请从下拉中选择'],
      ['填表人：张三', '', '审核人：李四'],
      ['审核人：李四'],
      ['填表日期：2024年5月'],
      ['单位（盖章）'],
      ['共 25 个组织'],
    ]) {
      expect(skipReason(row, false), JSON.stringify(row)).toBe('note');
    }
  });

  it('skips blank-ish rows (a row number, dashes) and ignores empty ones', () => {
    expect(skipReason(['15', '', '—', '/'], false)).toBe('blank');
    expect(skipReason(['', null, undefined], false)).toBeNull();
  });

  it('keeps data, also an organization whose name starts like a note when it has a form or category', () => {
    expect(skipReason(['仓口社区合唱团', '备案', '文体活动'], true)).toBeNull();
    expect(skipReason(['合计运动协会', '社会团体', '体育健身'], true)).toBeNull();
    expect(skipReason(['注册志愿者协会'], false)).toBeNull();
    expect(skipReason(['说明'], false)).toBe('note');
  });
});
