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

describe('normalizeCertificateNumber', () => {
  it('gives the printed form for numbers typed as input methods give them', async () => {
    const { normalizeCertificateNumber } = await import('./text-normalize.js');
    const printed = 'BA-360802-2026-00001-7K3M';
    for (const typed of ['BA360802202600001 7K3M', 'ba-360802-2026-00001-7k3m', 'BA－360802－2026－00001－7K3M', 'ＢＡ—３６０８０２—２０２６—００００１—７Ｋ３Ｍ', ' BA 360802 2026 00001 7K3M ']) {
      expect(normalizeCertificateNumber(typed), typed).toBe(printed);
    }
    expect(normalizeCertificateNumber('1 or 1=1')).toBe('1OR1=1');
  });
});
