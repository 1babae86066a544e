import { describe, expect, it } from 'vitest';
import { mapHeaders, parseLegalForm, parseStatus } from './orgs.sheet.js';

describe('registry sheet words', () => {
  it('maps header variants as offices type them: marks, hints, full-width brackets and spaces', () => {
    const { byIndex, unknown } = mapHeaders(['序号', '组织名称（必填）', '＊组织形式', '类 别', '所在社区（村）', '联系电话（手机）', '成立日期（年月）', '会员人数', '备注']);
    expect([...byIndex.entries()]).toEqual([
      [1, 'name'],
      [2, 'legalForm'],
      [3, 'category'],
      [4, 'regionName'],
      [5, 'leaderPhone'],
      [6, 'foundedOn'],
      [7, 'individualMembers'],
    ]);
    expect(unknown).toEqual(['序号', '备注']);
  });

  it('reads legal forms and statuses with their asides and full-width spaces', () => {
    expect(parseLegalForm('社会服务机构（民办非企业单位）')).toBe('social_service');
    expect(parseLegalForm('　备案　')).toBe('filed');
    expect(parseLegalForm('民办非企业')).toBe('social_service');
    expect(parseLegalForm('某种形式')).toBeNull();
    expect(parseStatus('正 常')).toBe('active');
    expect(parseStatus('注销')).toBe('deregistered');
    expect(parseStatus('飞走了')).toBeNull();
  });
});
