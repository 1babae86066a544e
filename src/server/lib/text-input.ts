import { fieldLabel } from '../../shared/zod.js';
import { errors } from './errors.js';

/**
 * Text PostgreSQL cannot store or that no one types: NUL (PostgreSQL's text refuses U+0000, so it answered 500),
 * the other C0 control characters but tab and line breaks (they break the XML of an xlsx export and are invisible
 * on screen), and lone UTF-16 surrogates (`"\ud800"` in JSON: not a character, stored as U+FFFD or refused as
 * invalid UTF-8). Checked once for every string a request carries (issue 12 item 1), see plugins/text-input.ts.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problem(text: string): 'control' | 'surrogate' | null {
  if (CONTROL.test(text)) return 'control';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return null;
}

const MESSAGES = { control: '不能包含控制字符', surrogate: '含有无法识别的字符（编码不完整）' } as const;

/**
 * Field → Chinese message for every string (and object key) in `value` that cannot be stored; keys are the paths
 * the error handler uses for schema errors (`leader.phone`, `ids.0`), `root` when `value` itself is a string.
 */
export function unstorableTextFields(value: unknown, root = '_'): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      const p = problem(v);
      const key = path.length ? path.join('.') : root;
      if (p) fields[key] ??= `${fieldLabel(path.length ? path : [root])}${MESSAGES[p]}`;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i]));
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v)) {
        const p = problem(k);
        if (p) fields[[...path, '_key'].join('.')] ??= `字段名${MESSAGES[p]}`;
        else visit(item, [...path, k]);
      }
    }
  };
  visit(value, []);
  return fields;
}

/** Refuses (400, field by field) a request part holding text that cannot be stored. */
export function assertStorableText(value: unknown, root?: string): void {
  const fields = unstorableTextFields(value, root);
  if (Object.keys(fields).length) throw errors.validation(fields);
}
