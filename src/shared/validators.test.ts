import { describe, expect, it } from 'vitest';
import {
  normalizePhone,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  isValidPhone,
  isValidResidentId,
  maskPersonalDataIn,
  maskPhone,
  maskResidentId,
  orgCodeCheckChar,
  residentIdCheckChar,
  residentIdProblem,
} from './validators.js';

const REAL_CREDIT_CODES = ['53420000MJH2448303', '52420000MJH233402K', '51420000MJH200395N'];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(REAL_CREDIT_CODES)('accepts the real code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(isValidCreditCode(code.toLowerCase())).toBe(true);
  });

  it('refuses every one-character change of the real codes', () => {
    let tried = 0;
    for (const code of REAL_CREDIT_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const ch of CREDIT_CHARS) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          tried++;
          expect(isValidCreditCode(changed), changed).toBe(false);
        }
      }
    }
    expect(tried).toBe(3 * 18 * 30);
  });

  it('checks position 17 and position 18 separately', () => {
    expect(orgCodeCheckChar('MJH24483')).toBe('0');
    expect(creditCodeCheckChar('53420000MJH244830')).toBe('3');
    expect(creditCodeProblem('53420000MJH2448313')).toBe('org_check');
    expect(creditCodeProblem('53420000MJH2448304')).toBe('check');
    expect(creditCodeProblem('53420000MJH24483')).toBe('format');
    expect(creditCodeProblem('53420000MJH2448I03')).toBe('format');
  });
});

describe('resident ID (GB 11643-1999)', () => {
  const valid = (first17: string) => first17 + residentIdCheckChar(first17);

  it('accepts valid numbers, including an X check', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId(valid('36080219800101123'))).toBe(true);
  });

  it('refuses a wrong check digit, a bad date, a future birth, a bad province', () => {
    const good = valid('36080219800101123');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(residentIdProblem(wrongCheck)).toBe('check');
    expect(residentIdProblem(valid('36080219800230123'))).toBe('birth_date');
    expect(residentIdProblem(valid('36080221000101123'), new Date('2026-11-25'))).toBe('birth_date');
    expect(residentIdProblem(valid('99080219800101123'))).toBe('region');
    expect(residentIdProblem('3608021980010112')).toBe('format');
  });
});

describe('phones and masking', () => {
  it('accepts mobiles and landlines', () => {
    for (const p of ['13812345678', '0796-8221234', '02112345678', '0796-8221234-801']) expect(isValidPhone(p), p).toBe(true);
    for (const p of ['1381234567', '23812345678', '12345', '0796-1234']) expect(isValidPhone(p), p).toBe(false);
  });

  it('masks as the issue shows', () => {
    expect(maskResidentId('340802199001011234')).toBe('3408**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0796-8221234')).toBe('0796-***1234');
    // by characters: never half of an emoji or of a rare character outside the BMP
    expect(maskResidentId('𐂑🗿ᴉ𘨊𑰀ᒾ𐂑🗿ᴉ')).toBe('𐂑🗿ᴉ𘨊*ᒾ𐂑🗿ᴉ');
    expect(maskPhone('电话🗿📞☎️')).toBe('**🗿📞☎️');
  });
});

describe('the one phone rule', () => {
  it('reads phones as people write them and stores one form', () => {
    const cases: [string, string][] = [
      ['138 0013 8000', '13800138000'],
      ['138-0013-8000', '13800138000'],
      ['+86 138 0013 8000', '13800138000'],
      ['１３８００１３８０００', '13800138000'],
      ['０７９６－８２２１２３４', '0796-8221234'],
      ['0796-8221234 转 801', '0796-8221234-801'],
      ['0796-8221234转801', '0796-8221234-801'],
      ['0796 8221234 分机 801', '0796-8221234-801'],
      ['(0796)8221234', '0796-8221234'],
      ['（0796）8221234', '0796-8221234'],
      ['07968221234', '0796-8221234'],
      ['010-62345678', '010-62345678'],
      ['0796-8221234-801', '0796-8221234-801'],
    ];
    for (const [raw, stored] of cases) expect(normalizePhone(raw), raw).toBe(stored);
  });

  it('refuses what is no phone, also with an extension on a mobile', () => {
    for (const p of ['', '123', '8221234', '138 0013 800', '13800138000 转 801', '0796-1234567890', '电话：无']) expect(normalizePhone(p), p).toBeNull();
  });

  it('masks the stored form of an extension', () => {
    expect(maskPhone('0796-8221234-801')).toBe('0796-***1234-801');
  });
});

describe('maskPersonalDataIn', () => {
  it('masks ID numbers with a valid check digit, mobiles and landlines in a text, and leaves codes alone', () => {
    const id = `36080219800101001${residentIdCheckChar('36080219800101001')}`;
    expect(maskPersonalDataIn(`/api/v1/orgs?q=${id}&region=360802003006&p=13800138000&t=0796-8221234`)).toBe(
      `/api/v1/orgs?q=${maskResidentId(id)}&region=360802003006&p=138****8000&t=0796-***1234`,
    );
    const wrong = `36080219800101001${residentIdCheckChar('36080219800101001') === '0' ? '1' : '0'}`;
    expect(maskPersonalDataIn(`q=${wrong}`)).toBe(`q=${wrong}`);
  });
});
