/**
 * The Content-Disposition of every download. RFC 6266 §4.3 / RFC 5987: `filename*=UTF-8''…` carries the Chinese name
 * (every current browser reads it); `filename="…"` is the ASCII fallback for clients that do not, so it must hold
 * only printable ASCII without quotes or backslashes (a raw Chinese name there is read as Latin-1 mojibake).
 */
export function contentDisposition(filename: string, opts: { inline?: boolean; fallback?: string } = {}): string {
  const type = opts.inline ? 'inline' : 'attachment';
  const fallback = asciiFallback(opts.fallback ?? filename);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * ! unescaped, which the grammar does not allow. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Printable ASCII only; the extension is kept so a fallback name still opens with the right program. */
function asciiFallback(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').replace(/\s+/g, ' ').trim();
  const ext = /\.[a-z0-9]{1,5}$/i.exec(name)?.[0] ?? '';
  return ascii.replace(/^[-_. ]+/, '') && ascii !== ext ? ascii : `download${ext}`;
}
