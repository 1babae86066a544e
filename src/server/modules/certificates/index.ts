export { certificateRoutes, publicCertificateRoutes } from './certificates.routes.js';
export { issuerName, newCertificateNumber, recordCertificate, revokeCertificates } from './certificates.service.js';
/** An A4 PDF with the Chinese fonts (Noto Sans SC from npm) every printed document of the platform embeds. */
export { startA4Pdf } from './certificates.pdf.js';
