import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreditIdParam } from '../../../shared/schemas/credit.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { noticePdf, removalPdf } from './credit.print.service.js';

const tags = ['credit'];

/** The credit letters as printable A4 (credit.print.ts): the notice before listing and the removal decision. */
const creditPrintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/credit/:id/notice.pdf',
    { schema: { tags, summary: '打印列入告知书（A4 PDF：事实、理由、依据、权利、陈述申辩期限、作出机关）', params: CreditIdParam } },
    async (request, reply) => {
      const { pdf, entry } = await noticePdf(app.db, request.ctx(), request.params.id);
      reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`告知书-${entry.noticeNo}.pdf`, { fallback: `credit-notice-${entry.id}.pdf`, inline: true }));
      return reply.send(pdf);
    },
  );
  app.get(
    '/credit/:id/removal.pdf',
    { schema: { tags, summary: '打印移出决定书（A4 PDF；仅已移出的条目）', params: CreditIdParam } },
    async (request, reply) => {
      const { pdf, entry } = await removalPdf(app.db, request.ctx(), request.params.id);
      reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`移出决定书-${entry.id}.pdf`, { fallback: `credit-removal-${entry.id}.pdf`, inline: true }));
      return reply.send(pdf);
    },
  );
};

export default creditPrintRoutes;
