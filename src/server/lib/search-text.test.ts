import { describe, expect, it } from 'vitest';
import { bigrams, classifyQuery, escapeLike, pinyinForm, quadgrams, searchForm, toInitials, toPinyin, trigrams } from './search-text.js';

describe('search text', () => {
  it('makes full pinyin and initials', () => {
    expect(toPinyin('吉州区')).toBe('jizhouqu');
    expect(toInitials('吉州区')).toBe('jzq');
    expect(toPinyin('绿化村')).toBe('lvhuacun');
  });
  it('cuts overlapping bigrams', () => {
    expect(bigrams('夕阳红')).toEqual(['夕阳', '阳红']);
    expect(bigrams('文')).toEqual(['文']);
    expect(bigrams('  ')).toEqual([]);
    expect(bigrams('啊啊啊')).toEqual(['啊啊']);
  });
  it('cuts overlapping three- and four-letter pieces of latin text, letters and digits only', () => {
    expect(trigrams('xiyang')).toEqual(['xiy', 'iya', 'yan', 'ang']);
    expect(quadgrams('xiyang')).toEqual(['xiya', 'iyan', 'yang']);
    expect(quadgrams('A·b c7')).toEqual(['abc7']);
    expect(quadgrams('xyh')).toEqual([]);
  });
  it('classifies queries', () => {
    expect(classifyQuery('3608')).toBe('code');
    expect(classifyQuery('jzq')).toBe('latin');
    expect(classifyQuery('吉州')).toBe('text');
  });
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\')).toBe('50\\%\\_a\\\\');
  });
});

describe('one search form for traditional and simplified writing', () => {
  it('turns both spellings, full-width and capital letters into the same form', () => {
    expect(searchForm('倉口社區書畫協會')).toBe('仓口社区书画协会');
    expect(searchForm('仓口社区书画协会')).toBe('仓口社区书画协会');
    expect(searchForm('衞生志願服務隊ＡＢＣ')).toBe('卫生志愿服务队abc');
    // Simplified text stays as it is (著 is simplified too).
    expect(searchForm('著名书画家协会')).toBe('著名书画家协会');
  });

  it('keeps substrings: a part of a name normalizes to a part of its form', () => {
    const name = '乾坤太極拳協會';
    for (const part of ['乾坤', '乾', '太極', '極拳協']) expect(searchForm(name)).toContain(searchForm(part));
  });

  it('gives both spellings the same n-grams and pinyin', () => {
    expect(bigrams(searchForm('倉口社區書畫協會'))).toEqual(bigrams(searchForm('仓口社区书画协会')));
    expect(toPinyin(pinyinForm('倉口社區書畫協會'))).toBe(toPinyin('仓口社区书画协会'));
    // Pinyin is read by phrases: 乾坤 keeps its reading.
    expect(pinyinForm('乾坤太極拳協會')).toBe('乾坤太极拳协会');
    expect(toPinyin(pinyinForm('乾坤太極拳協會'))).toBe('qiankuntaijiquanxiehui');
  });
});
