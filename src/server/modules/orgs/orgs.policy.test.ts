import { describe, expect, it } from 'vitest';
import { checkOrgRules, coreName, isSimilarOrg, kindWarnings, placeForms, similarity, similarWhy, withoutPlaces, type OrgDraft } from './orgs.policy.js';

const CATEGORIES = ['公益慈善', '文体活动'];
const TODAY = new Date('2026-12-01T00:00:00Z');
const draft = (over: Partial<OrgDraft> = {}): OrgDraft => ({
  name: '仓口社区夕阳红合唱团',
  creditCode: null,
  legalForm: 'filed',
  category: '文体活动',
  regionLevel: 5,
  leaderIdNumber: null,
  leaderPhone: null,
  foundedOn: null,
  ...over,
});

describe('checkOrgRules (GB 32100-2015, DESIGN §3)', () => {
  it('accepts a filed community organization without a code', () => {
    expect(checkOrgRules(draft(), CATEGORIES, TODAY)).toEqual({});
  });
  it('asks a registered organization for its credit code and refuses one on a filed organization', () => {
    expect(checkOrgRules(draft({ legalForm: 'social_group', regionLevel: 3 }), CATEGORIES, TODAY).creditCode).toMatch(/须填写/);
    expect(checkOrgRules(draft({ creditCode: '51420000MJH200395N' }), CATEGORIES, TODAY).creditCode).toMatch(/没有统一社会信用代码/);
  });
  it('checks position 2 against the legal form', () => {
    // 53… is a foundation's code (DESIGN §4 real examples).
    expect(checkOrgRules(draft({ legalForm: 'foundation', creditCode: '53420000MJH2448303', regionLevel: 3 }), CATEGORIES, TODAY)).toEqual({});
    expect(checkOrgRules(draft({ legalForm: 'social_group', creditCode: '53420000MJH2448303', regionLevel: 3 }), CATEGORIES, TODAY).creditCode).toMatch(/第 2 位/);
  });
  it('places filed organizations at a street or below and registered ones at a district or below', () => {
    expect(checkOrgRules(draft({ regionLevel: 4 }), CATEGORIES, TODAY).regionCode).toBeUndefined();
    expect(checkOrgRules(draft({ regionLevel: 3 }), CATEGORIES, TODAY).regionCode).toMatch(/街道/);
    expect(checkOrgRules(draft({ legalForm: 'social_group', creditCode: '51420000MJH200395N', regionLevel: 3 }), CATEGORIES, TODAY).regionCode).toBeUndefined();
    expect(checkOrgRules(draft({ legalForm: 'social_group', creditCode: '51420000MJH200395N', regionLevel: 2 }), CATEGORIES, TODAY).regionCode).toMatch(/区县/);
  });
  it('keeps the category inside the district list', () => {
    expect(checkOrgRules(draft({ category: '经济' }), CATEGORIES, TODAY).category).toContain('公益慈善、文体活动');
  });
  it('takes founding dates from 1949-10-01 up to today', () => {
    expect(checkOrgRules(draft({ foundedOn: '1949-10-01' }), CATEGORIES, TODAY).foundedOn).toBeUndefined();
    expect(checkOrgRules(draft({ foundedOn: '1949-09-30' }), CATEGORIES, TODAY).foundedOn).toMatch(/过早/);
    expect(checkOrgRules(draft({ foundedOn: '2026-12-01' }), CATEGORIES, TODAY).foundedOn).toBeUndefined();
    expect(checkOrgRules(draft({ foundedOn: '2026-12-02' }), CATEGORIES, TODAY).foundedOn).toMatch(/不能晚于今天/);
    expect(checkOrgRules(draft({ foundedOn: '2026-02-30' }), CATEGORIES, TODAY).foundedOn).toBe('日期无效');
  });
  it('checks the leader ID number and phone', () => {
    expect(checkOrgRules(draft({ leaderIdNumber: '11010519491231002X' }), CATEGORIES, TODAY).leaderIdNumber).toBeUndefined();
    expect(checkOrgRules(draft({ leaderIdNumber: '110105194912310021' }), CATEGORIES, TODAY).leaderIdNumber).toBeDefined();
    expect(checkOrgRules(draft({ leaderPhone: '13800138000' }), CATEGORIES, TODAY).leaderPhone).toBeUndefined();
    expect(checkOrgRules(draft({ leaderPhone: '1380013800' }), CATEGORIES, TODAY).leaderPhone).toBeDefined();
  });
});

describe('kindWarnings (seed 004: prohibited and strictly controlled kinds)', () => {
  it('flags prohibited kinds in the name, purpose or activities', () => {
    expect(kindWarnings('某某宗亲会', null, null).map((w) => w.code)).toEqual(['prohibited_kind']);
    expect(kindWarnings('健身队', '组织气功练习', null).map((w) => w.code)).toEqual(['prohibited_kind']);
  });
  it('flags strictly controlled kinds', () => {
    expect(kindWarnings('吉州同乡会', null, null).map((w) => w.code)).toEqual(['strict_control']);
    expect(kindWarnings('退休干部政策研究会', null, null).map((w) => w.code)).toEqual(['strict_control']);
  });
  it('says nothing about an ordinary group', () => {
    expect(kindWarnings('仓口社区夕阳红合唱团', '丰富居民文化生活', '每周排练')).toEqual([]);
  });
});

describe('same kind in one community (seed 004: in principle one)', () => {
  it('measures bigram similarity from 0 to 1', () => {
    expect(similarity('合唱团', '合唱团')).toBe(1);
    expect(similarity('合唱团', '象棋社')).toBe(0);
    expect(similarity('', '合唱团')).toBe(0);
  });
  it('compares names without their generic endings', () => {
    expect(coreName('夕阳红志愿服务队')).toBe('夕阳红');
    expect(isSimilarOrg({ name: '夕阳红合唱团', purpose: null }, { name: '夕阳红合唱队', purpose: null })).toBe(true);
    expect(isSimilarOrg({ name: '夕阳红合唱团', purpose: null }, { name: '青少年象棋社', purpose: null })).toBe(false);
  });
  it('also counts a similar purpose (threshold 0.6)', () => {
    const purpose = '为社区独居老人提供助餐送餐服务';
    expect(isSimilarOrg({ name: '甲协会', purpose }, { name: '乙服务社', purpose })).toBe(true);
    expect(isSimilarOrg({ name: '甲协会', purpose }, { name: '乙服务社', purpose: '开展青少年课后辅导' })).toBe(false);
  });
});

describe('the same kind in one community (seed 004: 组织形式、业务范围相同或相近; issue 22 item 5)', () => {
  const places = placeForms('仓口社区居委会').concat(placeForms('文山街道'));
  const filed = (name: string) => ({ name, purpose: null as string | null, activities: null as string | null, legalForm: 'filed' });
  it('does not flag a 象棋社 against a 葫芦丝队, a 舞蹈队 or a 京剧票友社 of the same category', () => {
    for (const other of ['仓口社区葫芦丝队', '仓口社区舞蹈队', '仓口社区京剧票友社']) {
      expect(similarWhy(filed('仓口社区象棋社'), filed(other), places), other).toEqual([]);
    }
  });
  it('flags two 舞蹈队 of the same legal form, and says the name is why', () => {
    expect(similarWhy(filed('仓口社区舞蹈队'), filed('仓口夕阳红舞蹈队'), places)).toEqual(['name']);
    expect(similarWhy(filed('仓口社区腰鼓队'), filed('仓口社区腰鼓协会'), places)).toEqual(['name']);
  });
  it('needs the same legal form', () => {
    expect(similarWhy({ ...filed('仓口社区舞蹈队'), legalForm: 'social_group' }, filed('仓口社区舞蹈队'), places)).toEqual([]);
  });
  it('counts close activities, and a close purpose of its own', () => {
    const a = { ...filed('甲队'), activities: '每周为独居老人助餐送餐、上门探访' };
    expect(similarWhy(a, { ...filed('乙社'), activities: '每周为独居老人助餐送餐和上门探访' })).toEqual(['activities']);
    expect(similarWhy({ ...filed('甲队'), purpose: '为社区独居老人提供助餐送餐服务' }, { ...filed('乙社'), purpose: '为社区独居老人提供助餐送餐服务' })).toEqual(['purpose']);
  });
  it('reads names without the places they start with', () => {
    expect(withoutPlaces('仓口社区象棋社', places)).toBe('象棋社');
    expect(withoutPlaces('文山街道仓口社区舞蹈队', places)).toBe('舞蹈队');
  });
});
