import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNoticePdf, renderRemovalPdf } from './credit.print.js';

/** The text a reader of the PDF gets back (poppler's pdftotext, as the certificate test reads it). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shezu-credit-'));
  const file = path.join(dir, 'n.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const basisText = '依据：罚款数额在5万元以上（社会组织信用信息管理办法（民政部令第60号），第十五条第一款第（四）项），2026年6月1日';

describe('credit letters (A4)', () => {
  it('the notice carries the facts, reasons, basis, rights, the objection deadline and the office', async () => {
    const pdf = await renderNoticePdf({
      number: '吉民信告〔2026〕3号',
      orgName: '文山街道乐龄互助会',
      creditCode: '51360802MJD123456X',
      listLabel: '严重违法失信名单',
      ground: '受到5万元以上罚款处罚',
      facts: ['2026年6月1日，你单位因违规收取会费被处以罚款人民币60,000.00元（吉民罚字〔2026〕1号）。', '2026年3月2日，你单位受到警告处罚。'],
      reasons: '罚款数额达到5万元以上',
      basisText,
      noticeBasisText: '依据：列入前告知（社会组织信用信息管理办法（民政部令第60号），第十七条），2026年6月2日',
      rights: '你单位对拟列入有异议的，可以自收到本告知书之日起10个工作日内向本机关提出陈述、申辩。',
      noticedOn: '2026-06-02',
      objectionDueOn: '2026-06-16',
      office: '吉州区民政局',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/NotoSansSC/);
    const text = pdfText(pdf);
    for (const part of ['列入严重违法失信名单告知书', '吉民信告〔2026〕3号', '文山街道乐龄互助会', '51360802MJD123456X', '一、事实', '1.2026年6月1日', '罚款人民币60,000.00元', '2.2026年3月2日', '第十七条', '二、理由', '三、依据', basisText, '四、你单位享有的权利', '10个工作日内', '截止日期：2026年6月16日', '吉州区民政局', '2026年6月2日']) {
      expect(text).toContain(part.replace(/\s+/g, ''));
    }
  });

  it('the removal decision names the listing, the reason, the basis and the day it takes effect', async () => {
    const pdf = await renderRemovalPdf({
      number: '吉民信移〔2028〕1号',
      orgName: '文山街道乐龄互助会',
      creditCode: null,
      listLabel: '严重违法失信名单',
      ground: '受到5万元以上罚款处罚',
      listedOn: '2026-06-17',
      removedOn: '2028-06-20',
      reason: '你单位自列入之日起满2年未再受到行政处罚，经申请并审核',
      basisText: '依据：移出严重违法失信名单（社会组织信用信息管理办法（民政部令第60号），第二十条），2028年6月20日',
      office: '吉州区民政局',
    });
    const text = pdfText(pdf);
    for (const part of ['移出严重违法失信名单决定书', '吉民信移〔2028〕1号', '2026年6月17日', '满2年未再受到行政处罚', '第二十条', '自2028年6月20日起', '吉州区民政局']) expect(text).toContain(part);
    expect(text).not.toContain('统一社会信用代码');
  });
});
