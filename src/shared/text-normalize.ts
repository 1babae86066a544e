// Text as offices type it: a Chinese input method in full-width mode writes digits, letters and spaces as their
// full-width forms (`１３８ ００１３ ８０００`, `ＡＢＣ`, U+3000 spaces). Shared by server and web, so a form and an
// import normalize the same way before any rule looks at the value (issue 11 item 5).

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic and other Unicode spaces → a plain space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2000-\u200A\u202F\u205F]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '');
}

/** Half-width, trimmed, inner runs of white space collapsed to one space. */
export function cleanText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, ' ').trim();
}

/** A certificate number as printed: BA-360802-2026-00001-7K3M (备案证明) or DJ-… (登记证书). */
export const CERTIFICATE_NUMBER = /^(BA|DJ)-\d{6}-\d{4}-\d{5}-[0-9A-Z]{4}$/;

/**
 * A certificate number as people type it (issue 22 item 6): a Chinese input method gives full-width letters and
 * dashes (－, —, –, ー), spaces anywhere, lower case, or no dashes at all (BA36080220260000 17K3M). Returns the
 * printed form when the characters make one, else the cleaned text (which then fails CERTIFICATE_NUMBER).
 */
export function normalizeCertificateNumber(text: string): string {
  const s = toHalfWidth(text)
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212\u30FC\uFE58\uFE63_]/g, '-')
    .replace(/\s+/g, '');
  if (CERTIFICATE_NUMBER.test(s)) return s;
  const bare = s.replace(/-/g, '');
  const m = /^(BA|DJ)(\d{6})(\d{4})(\d{5})([0-9A-Z]{4})$/.exec(bare);
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}` : s;
}
