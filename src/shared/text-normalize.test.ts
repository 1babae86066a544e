import { describe, expect, it } from 'vitest';
import { cleanText, toHalfWidth } from './text-normalize.js';

describe('half-width text', () => {
  it('turns full-width digits, letters, punctuation and spaces into ASCII', () => {
    expect(toHalfWidth('１３８　００１３　８０００')).toBe('138 0013 8000');
    expect(toHalfWidth('５３３６０８０２ＭＪＨ２４４８３０Ｘ')).toBe('53360802MJH244830X');
    expect(toHalfWidth('２０１５．６')).toBe('2015.6');
    expect(toHalfWidth('（０７９６）－８２２１２３４')).toBe('(0796)-8221234');
  });

  it('leaves Chinese text and its own punctuation alone', () => {
    expect(toHalfWidth('仓口社区“夕阳红”合唱团、舞蹈队')).toBe('仓口社区“夕阳红”合唱团、舞蹈队');
  });

  it('cleans a cell: zero-width marks dropped, runs of spaces collapsed, trimmed', () => {
    expect(cleanText('\u200B 仓口\u3000\u3000社区 \uFEFF')).toBe('仓口 社区');
    expect(cleanText('\u00A0')).toBe('');
  });
});
