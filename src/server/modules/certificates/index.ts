export { certificateRoutes, publicCertificateRoutes } from './certificates.routes.js';
export { issuerName, newCertificateNumber, recordCertificate, revokeCertificates } from './certificates.service.js';
