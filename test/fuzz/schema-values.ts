import fc from 'fast-check';
import { z } from '../../src/shared/zod.js';
import { PLACES } from '../factories.js';

/**
 * Values for the route fuzz, generated from a route's own zod schema (through its JSON Schema, `io: 'input'`):
 * `validValue` builds something that looks right, `brokenValue` the same with exactly one part broken, so a
 * request gets past the first field and reaches the deeper rules (issue 12 item 1).
 */
export type Json = { [key: string]: unknown };
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
}

/** Strings every text field is tried with: unicode edge cases, NUL and friends, SQL and HTML, impossible dates. */
export const ODD_STRINGS = [
  '',
  ' ',
  'e\u0301\u0301\u0301组织', // combining marks
  '１３８００１３８０００', // full-width digits
  'ＡＢＣ社会组织',
  '👨‍👩‍👧‍👦🇨🇳舞蹈队',
  '\u202E队蹈舞\u202C', // right-to-left override
  '\u200F\u200E\u200B\uFEFF',
  'a\u0000b', // NUL: PostgreSQL text refuses it
  '\u0000',
  '\ud800', // lone surrogates
  'x\udc00y',
  'bell\u0007',
  '\r\n\t',
  "'; DROP TABLE users; --",
  "吉州' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '%00',
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-2-3',
  'null',
  'NaN',
  '-1',
  '1e309',
  '99999999999999999999999999',
];

const WRONG_TYPES: unknown[] = [123, -1, 1.5, true, false, null, [], {}, ['x'], { a: 1 }];
/** Edges of the schema's own limits are added per field; these are the storage's (int4, int8, safe integers). */
const ODD_NUMBERS: unknown[] = [0, -0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 2 ** 53, -(2 ** 53), 2 ** 63, 1e308, -1e308, '1', 'abc', '', null, true, [], {}];

const resolve = (root: JsonSchema, s: JsonSchema): JsonSchema => {
  if (!s.$ref) return s;
  const name = s.$ref.replace(/^#\/\$defs\//, '');
  return root.$defs?.[name] ?? {};
};

/** Names that must hold a place of the fixture district for a request to go deeper than "no such region". */
const PLACE_NAMES = /^(region|regionCode|code)$/;

const POOLS = new Map<string, string[]>();
/**
 * Texts matching a pattern, drawn once per pattern (fast-check's `stringMatching` is slow to draw from inside a
 * filtered request arbitrary); the run's seed then picks among them.
 */
function matchingPool(pattern: string): string[] {
  let pool = POOLS.get(pattern);
  if (!pool) {
    pool = [...new Set(fc.sample(fc.stringMatching(new RegExp(pattern)).filter((v) => v.length <= 60), { seed: 12, numRuns: 40 }))];
    POOLS.set(pattern, pool);
  }
  return pool;
}

function validString(s: JsonSchema, name: string): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  if (s.const !== undefined) return fc.constant(String(s.const));
  if (s.format === 'uuid') return fc.uuid();
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    if (re.test('2026-05-01')) return fc.constantFrom('2026-05-01', '2025-12-31', '2024-02-29');
    const places = Object.values(PLACES).filter((p) => re.test(p));
    if (PLACE_NAMES.test(name) && places.length) return fc.constantFrom(...places);
    return fc.constantFrom(...matchingPool(s.pattern));
  }
  if (/phone/i.test(name)) return fc.constantFrom('13800138000', '0796-8221234');
  if (/password/i.test(name)) return fc.constant('Fuzz-Pass-2026');
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, min + 30);
  return fc.oneof(
    fc.constantFrom('文山社区舞蹈队', '测试', '吉州区', 'abc').filter((v) => v.length >= min && v.length <= max),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
  ).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
}

function numberBounds(s: JsonSchema): { min: number; max: number } {
  const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? -1000);
  const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
  return { min, max };
}

/** Something the schema accepts (as far as JSON Schema can say: refinements are the server's to apply). */
export function validValue(root: JsonSchema, schema: JsonSchema, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(root, schema);
  if (s.anyOf || s.oneOf) {
    const options = (s.anyOf ?? s.oneOf)!.filter((o) => resolve(root, o).type !== 'null');
    return options.length ? fc.oneof(...options.map((o) => validValue(root, o, name, depth))) : fc.constant(null);
  }
  if (s.allOf?.length) return validValue(root, s.allOf[0]!, name, depth);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return validString(s, name);
    case 'integer': {
      const { min, max } = numberBounds(s);
      // ids and counts stay small, so a generated id may well name a stored record
      return fc.integer({ min: Math.max(min, -1000), max: Math.max(Math.min(max, min + 50, 1_000_000), Math.max(min, -1000)) });
    }
    case 'number': {
      const { min, max } = numberBounds(s);
      return fc.double({ min, max: Math.min(max, min + 1000), noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? validValue(root, s.items, name, depth + 1) : fc.constant('x');
      const minLength = s.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const entries = Object.entries(props);
      if (depth > 4 || entries.length === 0) return fc.constant({});
      return fc.record(
        Object.fromEntries(entries.map(([k, p]) => [k, validValue(root, p, k, depth + 1)])),
        { requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)) },
      );
    }
    default:
      // z.unknown() and friends: any JSON
      return fc.oneof(fc.constantFrom(true, 1, 'x', null), fc.jsonValue({ maxDepth: 2 }));
  }
}

/** Values a field of this schema may be broken with: wrong types, edges and beyond, odd text. */
function brokenLeaf(root: JsonSchema, schema: JsonSchema): fc.Arbitrary<unknown> {
  const s = resolve(root, schema);
  const types = [s.type, ...(s.anyOf ?? s.oneOf ?? []).map((o) => resolve(root, o).type)].flat().filter(Boolean);
  const pick: unknown[] = [...WRONG_TYPES];
  const strings = [s, ...(s.anyOf ?? [])].map((o) => resolve(root, o)).find((o) => o.type === 'string' || o.enum);
  const numbers = [s, ...(s.anyOf ?? [])].map((o) => resolve(root, o)).find((o) => o.type === 'integer' || o.type === 'number');
  if (strings || types.length === 0) {
    pick.push(...ODD_STRINGS);
    const max = strings?.maxLength;
    const min = strings?.minLength;
    if (max !== undefined) pick.push('字'.repeat(max + 1), 'x'.repeat(max), 'x'.repeat(max + 1));
    if (min !== undefined && min > 1) pick.push('x'.repeat(min - 1));
    pick.push('长'.repeat(10_000));
    if (strings?.enum) {
      const first = String(strings.enum[0]);
      pick.push(first.toUpperCase(), ` ${first}`, `${first}\u0000`, first.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    }
  }
  if (numbers || types.length === 0) {
    pick.push(...ODD_NUMBERS);
    const { min, max } = numberBounds(numbers ?? {});
    if (numbers?.minimum !== undefined || numbers?.exclusiveMinimum !== undefined) pick.push(min, min - 1, min - 0.5);
    if (numbers?.maximum !== undefined || numbers?.exclusiveMaximum !== undefined) pick.push(max, max + 1, max + 0.5);
  }
  return fc.constantFrom(...pick);
}

export interface Broken {
  value: unknown;
  /** where the one broken part is, for the failure message */
  where: string;
}

/** A valid-looking value with one part broken: a field replaced, a required one left out, an unknown one added. */
export function brokenValue(root: JsonSchema, schema: JsonSchema, where = '', depth = 0): fc.Arbitrary<Broken> {
  const s = resolve(root, schema);
  const leaf = brokenLeaf(root, s).map((value) => ({ value, where: where || '(whole)' }));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' && s.properties && depth <= 4) {
    const props = Object.entries(s.properties);
    const valid = validValue(root, s, '', depth) as fc.Arbitrary<Json>;
    const options: fc.Arbitrary<Broken>[] = [
      valid.map((v) => ({ value: { ...v, isAdmin: true }, where: `${where}.isAdmin (unknown field)` })),
    ];
    const required = s.required ?? [];
    if (required.length) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => {
          const copy = { ...v };
          delete copy[k];
          return { value: copy, where: `${where}.${k} (left out)` };
        }),
      );
    }
    if (props.length) {
      options.push(
        fc.constantFrom(...props).chain(([k, p]) =>
          fc.tuple(valid, brokenValue(root, p, `${where}.${k}`, depth + 1)).map(([v, b]) => ({ value: { ...v, [k]: b.value }, where: b.where })),
        ),
      );
    }
    return fc.oneof({ arbitrary: leaf, weight: 1 }, ...options.map((arbitrary, i) => ({ arbitrary, weight: i === options.length - 1 ? 6 : 1 })));
  }
  if (type === 'array' && s.items && depth <= 4) {
    const items = s.items;
    const valid = validValue(root, s, '', depth) as fc.Arbitrary<unknown[]>;
    return fc.oneof(
      leaf,
      fc.constant({ value: [], where: `${where} (empty list)` }),
      validValue(root, items, '', depth + 1).map((v) => ({ value: Array.from({ length: (s.maxItems ?? 1000) + 1 }, () => v), where: `${where} (too many items)` })),
      fc.tuple(valid, brokenValue(root, items, `${where}.0`, depth + 1)).map(([v, b]) => ({ value: [b.value, ...v.slice(1)], where: b.where })),
    );
  }
  return leaf;
}
