import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal-data-scan.js';

describe('findPersonalData', () => {
  it('finds full ID numbers with a valid check digit, mobiles and landlines', () => {
    const text = '{"leaderIdNumber":"11010519491231002X","leaderPhone":"13800138000","tel":"0796-8221234-801"}';
    expect(findPersonalData(text).map((f) => [f.kind, f.value])).toEqual([
      ['resident_id', '11010519491231002X'],
      ['mobile', '13800138000'],
      ['landline', '0796-8221234'],
    ]);
  });

  it('leaves masked values, wrong check digits and longer codes alone', () => {
    const text = '1101**********002X 138****5678 0796-****1234 110105194912310021 360802003009 1733000000000 9136080200000000XA';
    expect(findPersonalData(text)).toEqual([]);
  });
});
