import { describe, expect, it } from 'vitest';
import { bigrams, classifyQuery, escapeLike, quadgrams, toInitials, toPinyin, trigrams } from './search-text.js';

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
