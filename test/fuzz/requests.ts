import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { RouteInfo } from '../../src/server/app.js';
import { unstorableTextFields } from '../../src/server/lib/text-input.js';
import { sniffType } from '../../src/server/lib/uploads.js';
import { ATTACHMENT_KINDS } from '../../src/shared/schemas/orgs.js';
import { brokenValue, ODD_STRINGS, toJsonSchema, validValue, type Json, type JsonSchema } from './schema-values.js';

/** One generated request of the route fuzz, with what the fuzz knows of it before sending. */
export interface FuzzRequest {
  inject: InjectOptions & { method: string; url: string };
  /** the one broken part (`body.name`, `query.page`, `request: oversized body`), or null when none is */
  broken: string | null;
  /**
   * True when the route's own schema (or the app-wide text check) refuses the request, or the request is not one
   * at all (a body that is no JSON, too large, of a content type the route does not take): it must get a 4xx.
   */
  malformed: boolean;
}

type Part = 'params' | 'querystring' | 'body';

interface PartPlan {
  schema: RouteInfo['schema'][Part];
  json: JsonSchema;
}

const MULTIPART = (r: RouteInfo) => r.schema.consumes?.includes('multipart/form-data') === true;
const HAS_BODY = (method: string) => method !== 'GET' && method !== 'DELETE';

/** Path parameters that are not ids (and not what the route's pattern says). */
const NOT_IDS = ['abc', '-1', '0', '1.5', '1e3', '0x10', ' 1', '1 ', '99999999999999999999', "1' OR '1'='1", '%00', '..', '１２', '\u0000', '<b>'];

/**
 * The text the server sees of a URL part or a multipart field: a lone surrogate can be neither percent-encoded nor
 * written as UTF-8, it arrives as U+FFFD (only a JSON body can carry one, escaped).
 */
const wellFormed = (v: unknown) => String(v).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function buildUrl(route: RouteInfo, params: Json, query: Json | null): string {
  let url = route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? ''))).replace('*', () => encodeURIComponent(wellFormed(params['*'] ?? '')));
  if (query) {
    const qs: string[] = [];
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      // A list is what a repeated key gives (`?page=1&page=2`); anything else arrives as text.
      for (const item of Array.isArray(v) && v.length ? v : [v]) qs.push(`${encodeURIComponent(k)}=${encodeURIComponent(typeof item === 'object' && item !== null ? JSON.stringify(item) : wellFormed(item))}`);
    }
    if (qs.length) url += `?${qs.join('&')}`;
  }
  return url;
}

/** What the server's parsers make of a URL part (text, or a list of texts for a repeated key). */
function asUrlValues(value: Json): Json {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) && v.length ? v.map((i) => (typeof i === 'object' && i !== null ? JSON.stringify(i) : wellFormed(i))) : typeof v === 'object' && v !== null ? JSON.stringify(v) : wellFormed(v)]),
  );
}

const refuses = (plan: PartPlan | undefined, value: unknown) =>
  plan?.schema ? !plan.schema.safeParse(value).success || Object.keys(unstorableTextFields(value)).length > 0 : false;

function multipartBody(fields: [string, string][], file: { filename: string; content: Buffer } | null, boundary = 'shezufuzzboundary') {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.from('%PDF-1.4\n%fuzz\n');
/** A zip's first bytes and then nothing a spreadsheet reader can use. */
const BROKEN_XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a workbook')]);

/**
 * Multipart routes read their parts in the handler (lib/uploads.ts, the import reader), so their fuzz is of the
 * parts: the `kind` field, the file name, the content, and requests that are no multipart at all.
 */
function multipartRequests(route: RouteInfo, url: fc.Arbitrary<{ url: string; broken: string | null }>): fc.Arbitrary<FuzzRequest> {
  const isImport = !route.url.includes('attachments');
  const kinds: string[] = [...ATTACHMENT_KINDS];
  const names = ['章程.pdf', 'a.pdf', 'x.xlsx', ...ODD_STRINGS.map((s) => `${s}.pdf`), '长'.repeat(500) + '.pdf', ''];
  return fc
    .tuple(
      url,
      fc.constantFrom(...kinds, ...ODD_STRINGS),
      fc.constantFrom(...names),
      fc.constantFrom('pdf', 'empty', 'junk', 'xlsx'),
      fc.constantFrom('ok', 'ok', 'ok', 'no-file', 'json', 'not-multipart', 'broken-boundary'),
    )
    .map(([u, kind, filename, content, shape]): FuzzRequest => {
      const bytes = { pdf: PDF, empty: Buffer.alloc(0), junk: Buffer.from('\u0000\u0001junk'), xlsx: BROKEN_XLSX }[content];
      const base = { method: route.method, url: u.url };
      if (shape === 'json') return { inject: { ...base, payload: { kind, filename } }, broken: 'request: JSON instead of multipart', malformed: true };
      if (shape === 'not-multipart') return { inject: { ...base, payload: 'kind=charter', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, broken: 'request: form-urlencoded', malformed: true };
      if (shape === 'broken-boundary') {
        const m = multipartBody([['kind', kind]], { filename, content: bytes });
        return { inject: { ...base, payload: m.payload.subarray(0, m.payload.length - 20), headers: m.headers }, broken: 'request: cut-off multipart', malformed: true };
      }
      const m = multipartBody(isImport ? [] : [['kind', kind]], shape === 'no-file' ? null : { filename, content: bytes });
      const [sentKind, sentName] = [wellFormed(kind), wellFormed(filename)];
      // Refused by the route's rules: no file, a kind that is not one, a name that cannot be stored, content that is
      // of no type attachments take, or no workbook (imports: the fuzz never sends a readable sheet, so no job starts).
      const fine =
        u.broken === null &&
        shape === 'ok' &&
        !isImport &&
        kinds.includes(sentKind) &&
        // the route's own rule of what a file is (its first bytes, and for Office files the name): a zip named .xlsx passes
        sniffType(bytes, sentName) !== null &&
        Object.keys(unstorableTextFields({ filename: sentName })).length === 0;
      return { inject: { ...base, payload: m.payload, headers: m.headers }, broken: u.broken ?? (fine ? null : `multipart kind=${JSON.stringify(kind)} filename=${JSON.stringify(filename)} content=${content} ${shape}`), malformed: u.broken !== null || !fine };
    });
}

/** Whether a route reads anything a request can get wrong: path, query or body (JSON or multipart). */
export function takesInput(route: RouteInfo): boolean {
  return Boolean(route.schema.params || route.schema.querystring || route.schema.body || MULTIPART(route));
}

/** The requests of one route, generated from its schemas: one part broken, or (now and then) none. */
export function routeRequests(route: RouteInfo): fc.Arbitrary<FuzzRequest> {
  return anyRouteRequest(route);
}

/**
 * `count` requests for one caller, drawn from `routeRequests` with the seed: seven in ten the schema refuses, two
 * in ten with one part at an edge the schema still takes (the longest name, a number past int4, an emoji, a
 * right-to-left mark: what reaches the database when a validation is missing), one in ten as drawn. A route that
 * has too few of a kind gets more of the others.
 */
export function pickRequests(route: RouteInfo, seed: number, count: number): FuzzRequest[] {
  const drawn = fc.sample(routeRequests(route), { seed, numRuns: count * 4 });
  const malformed = drawn.filter((r) => r.malformed);
  const edge = drawn.filter((r) => !r.malformed && r.broken !== null);
  const picked: FuzzRequest[] = [];
  const take = (pool: FuzzRequest[], quota: number) => {
    for (const r of pool) {
      if (quota <= 0 || picked.length >= count) break;
      if (!picked.includes(r)) {
        picked.push(r);
        quota--;
      }
    }
  };
  take(edge, Math.round(count * 0.2));
  take(drawn, Math.round(count * 0.1));
  take(malformed, count);
  take(drawn, count);
  return picked;
}

function anyRouteRequest(route: RouteInfo): fc.Arbitrary<FuzzRequest> {
  const plans: Partial<Record<Part, PartPlan>> = {};
  for (const part of ['params', 'querystring', 'body'] as const) {
    const schema = route.schema[part];
    if (schema) plans[part] = { schema, json: toJsonSchema(schema) };
  }
  const pathNames = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  // Path parameters: from the schema when the route has one, else any text (a wildcard file path).
  const validParams: fc.Arbitrary<Json> = plans.params
    ? (validValue(plans.params.json, plans.params.json) as fc.Arbitrary<Json>)
    : fc.record(Object.fromEntries(pathNames.map((n) => [n, fc.constantFrom('index.html', 'swagger-ui.css', '1', 'x')])));
  const brokenParams: fc.Arbitrary<{ value: Json; where: string }> = fc
    .tuple(validParams, fc.constantFrom(...(pathNames.length ? pathNames : ['-'])), fc.constantFrom(...NOT_IDS, ...ODD_STRINGS.filter((s) => s !== '')))
    .map(([v, k, bad]) => ({ value: { ...v, [k]: bad }, where: `params.${k}` }));
  const validQuery = plans.querystring ? (validValue(plans.querystring.json, plans.querystring.json) as fc.Arbitrary<Json>) : fc.constant(null);
  const validBody = plans.body ? validValue(plans.body.json, plans.body.json) : fc.constant(undefined);

  const url = (broken: 'params' | 'querystring' | null) =>
    fc.tuple(broken === 'params' && pathNames.length ? brokenParams.map((b) => b as { value: Json; where: string } | null) : validParams.map(() => null), validParams, broken === 'querystring' && plans.querystring ? brokenValue(plans.querystring.json, plans.querystring.json, 'query') : validQuery.map((value) => ({ value, where: null as string | null })))
      .map(([bp, vp, q]) => {
        const params = bp?.value ?? vp;
        const query = q.value as Json | null;
        const malformed = refuses(plans.params, asUrlValues(params)) || (query !== null && refuses(plans.querystring, asUrlValues(query)));
        return { url: buildUrl(route, params, query), broken: bp?.where ?? q.where, malformed };
      });

  if (MULTIPART(route)) {
    return fc.oneof(
      { arbitrary: url(null).map((u) => ({ url: u.url, broken: null })), weight: 6 },
      { arbitrary: url('params').map((u) => ({ url: u.url, broken: u.malformed ? u.broken : null })), weight: 1 },
    ).chain((u) => multipartRequests(route, fc.constant(u)));
  }

  const parts: ('params' | 'querystring' | 'body' | 'request' | 'none')[] = [];
  if (pathNames.length) parts.push('params');
  if (plans.querystring) parts.push('querystring', 'querystring');
  if (plans.body) parts.push('body', 'body', 'body', 'body');
  if (HAS_BODY(route.method)) parts.push('request');
  parts.push('none');

  return fc.constantFrom(...parts).chain((part): fc.Arbitrary<FuzzRequest> => {
    if (part === 'request') {
      return fc.tuple(url(null), validBody, fc.constantFrom('invalid-json', 'text', 'form', 'xml', 'oversized', 'array', 'number', 'null-body')).map(([u, body, how]) => {
        const json = (payload: string) => ({ payload, headers: { 'content-type': 'application/json' } });
        const shapes: Record<string, { payload: string; headers: Record<string, string> }> = {
          'invalid-json': json(JSON.stringify(body ?? {}).slice(0, -1) || '{'),
          text: { payload: 'population=5', headers: { 'content-type': 'text/plain' } },
          form: { payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          xml: { payload: '<a>1</a>', headers: { 'content-type': 'application/xml' } },
          oversized: json(JSON.stringify({ ...(typeof body === 'object' && body ? body : {}), padding: 'x'.repeat(1024 * 1024 + 10) })),
          array: json('[]'),
          number: json('42'),
          'null-body': json('null'),
        };
        // Text, a list, a number or null is a body only a route with a body schema refuses; the others are refused
        // before any route is reached (no parser, not JSON, too large).
        const refusedAnyway = ['invalid-json', 'form', 'xml', 'oversized'].includes(how);
        return { inject: { method: route.method, url: u.url, ...shapes[how] }, broken: `request: ${how}`, malformed: u.malformed || refusedAnyway || plans.body !== undefined };
      });
    }
    if (part === 'body' && plans.body) {
      return fc.tuple(url(null), brokenValue(plans.body.json, plans.body.json, 'body')).map(([u, b]) => ({
        inject: { method: route.method, url: u.url, payload: JSON.stringify(b.value) ?? '', headers: { 'content-type': 'application/json' } },
        broken: b.where,
        malformed: u.malformed || refuses(plans.body, b.value),
      }));
    }
    const broken = part === 'params' || part === 'querystring' ? part : null;
    return fc.tuple(url(broken), validBody).map(([u, body]) => ({
      inject: { method: route.method, url: u.url, ...(body !== undefined && HAS_BODY(route.method) ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) },
      broken: u.broken,
      malformed: u.malformed || refuses(plans.body, body),
    }));
  });
}
