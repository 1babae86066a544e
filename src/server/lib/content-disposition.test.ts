import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('carries a Chinese name in filename* and an ASCII fallback in filename', () => {
    expect(contentDisposition('社会组织名录-2026-01-02.xlsx', { fallback: 'orgs-2026-01-02.xlsx' })).toBe(
      `attachment; filename="orgs-2026-01-02.xlsx"; filename*=UTF-8''%E7%A4%BE%E4%BC%9A%E7%BB%84%E7%BB%87%E5%90%8D%E5%BD%95-2026-01-02.xlsx`,
    );
  });

  it('derives a usable fallback when none is given, keeping the extension', () => {
    expect(contentDisposition('导入报告.xlsx')).toBe(`attachment; filename="download.xlsx"; filename*=UTF-8''%E5%AF%BC%E5%85%A5%E6%8A%A5%E5%91%8A.xlsx`);
    expect(contentDisposition('章程(2024)终稿.pdf', { inline: true })).toBe(`inline; filename="(2024).pdf"; filename*=UTF-8''%E7%AB%A0%E7%A8%8B%282024%29%E7%BB%88%E7%A8%BF.pdf`);
  });

  it('never lets a quote, a backslash or a line break through into the header', () => {
    const h = contentDisposition('a"b\\c\r\nd.txt');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h.split(';')[1]).toBe(' filename="abcd.txt"');
    expect(h).toContain(`filename*=UTF-8''a%22b%5Cc%0D%0Ad.txt`);
  });
});
