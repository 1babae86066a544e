import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { CertificateNumberParam, PublicCertificate } from '../../../shared/schemas/applications.js';
import { z } from '../../../shared/zod.js';
import { certificatePdf, getPublicCertificate } from './certificates.service.js';
import { contentDisposition } from '../../lib/content-disposition.js';

const PdfParam = z.object({ file: z.string().regex(/^(BA|DJ)-\d{6}-\d{4}-\d{5}-[0-9A-Z]{4}\.pdf$/, '证书编号格式不正确') });

export const certificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/certificates/:file',
    { schema: { tags: ['certificates'], summary: '下载证书 PDF（/certificates/{number}.pdf；组织负责人或辖区工作人员）', params: PdfParam } },
    async (request, reply) => {
      const number = request.params.file.replace(/\.pdf$/, '');
      const base = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const pdf = await certificatePdf(app.db, request.ctx(), number, base);
      reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`${number}.pdf`, { inline: true }));
      return reply.send(pdf);
    },
  );
};

/** Anyone may check a certificate (no login); rate-limited so numbers cannot be tried in bulk. */
export const publicCertificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/certificates/:number',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: { tags: ['public'], summary: '证书核验（公开，仅公开信息）：有效、已变更或已注销', params: CertificateNumberParam, response: { 200: PublicCertificate, ...ERROR_RESPONSES } },
    },
    async (request) => getPublicCertificate(app.db, request.params.number),
  );
};
