import { describe, expect, it } from 'vitest';
import { unstorableTextFields } from './text-input.js';

describe('unstorableTextFields', () => {
  it('names each field holding a NUL, another control character or a lone surrogate', () => {
    expect(
      unstorableTextFields({ username: 'a\u0000b', q: 'ok', leader: { phone: 'x\u0007' }, ids: ['1', '\ud800'], note: 'x\udc00' }),
    ).toEqual({
      username: '用户名不能包含控制字符',
      'leader.phone': '电话不能包含控制字符',
      'ids.1': '编号列表含有无法识别的字符（编码不完整）',
      note: '此项含有无法识别的字符（编码不完整）',
    });
  });

  it('leaves ordinary text alone: tabs, line breaks, emoji, right-to-left marks, full-width forms', () => {
    expect(unstorableTextFields({ a: '第一行\r\n第二行\t', b: '👨‍👩‍👧‍👦🇨🇳', c: '\u202Eabc\u200F', d: '１３８ＡＢＣ', e: 'e\u0301', n: 5, z: null })).toEqual({});
  });

  it('looks at object keys and at a bare string', () => {
    expect(unstorableTextFields({ 'bad\u0000key': 1 })).toEqual({ _key: '字段名不能包含控制字符' });
    expect(unstorableTextFields('\u0000', 'body')).toEqual({ body: '此项不能包含控制字符' });
  });
});
