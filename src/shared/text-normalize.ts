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
