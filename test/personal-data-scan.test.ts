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

  it('finds no phone inside a request id', () => {
    expect(findPersonalData('{"reqId":"0c8b3a1e-5d2f-4b7a-9e1c-a15112344338","id":"b13800138000"}')).toEqual([]);
    expect(findPersonalData('手机13800138000，')).toHaveLength(1);
  });
});
