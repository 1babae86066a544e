import { spawn } from 'node:child_process';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../src/server/lib/access.js';
import { findPersonalData, type PersonalDataFinding } from './personal-data-scan.js';
import { recordScore } from './scoreboard.js';

/**
 * The personal-data leak scan (issue 12 item 2): every response body the test apps send, every file they let a test
 * download (xlsx read cell by cell, csv and PDF as text), and every line the server logs are searched with the one
 * detector (test/personal-data-scan.ts) for a resident ID number, a mobile or a landline in full. Only a route that
 * declares itself an audited reveal (route config `reveal`, src/server/types/fastify.d.ts) may answer with one, and
 * only to an actor whose role holds the reveal's permission in lib/access.ts (so the allow-list is the policy, not a
 * copy of role names). A leak fails the test that caused it, naming the route and the field.
 */
export interface Leak {
  /** `GET /api/v1/orgs/:id` (the route as registered), or `log` */
  where: string;
  /** The JSON path (`items[0].leaderPhone`), the cell (`组织!F3`), the line of a text file, or the log field */
  field: string;
  kind: PersonalDataFinding['kind'];
  /** The value masked: the report itself must not spread what it found. */
  masked: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class LeakScanner {
  responses = 0;
  logLines = 0;
  files = 0;
  private found: Leak[] = [];
  private reported = 0;
  private recorded = false;
  private planted = 0;

  /** Scans one body by its content type; `allowed` = an audited reveal to an actor who may see it. */
  async scanBody(where: string, contentType: string, body: Buffer, allowed: boolean | ((field: string) => boolean) = false): Promise<void> {
    this.responses++;
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    let cells: { field: string; text: string }[];
    if (type === XLSX) {
      this.files++;
      cells = await xlsxCells(body);
    } else if (type === 'application/pdf') {
      this.files++;
      cells = textLines(await pdfText(body));
    } else if (type === 'text/csv') {
      this.files++;
      cells = textLines(body.toString('utf8'));
    } else if (type === 'application/json') {
      cells = jsonStrings(body.toString('utf8'));
    } else if (type.startsWith('text/') || type.endsWith('+xml') || type === 'application/javascript') {
      cells = textLines(body.toString('utf8'));
    } else {
      // Anything else (an uploaded image) is searched as bytes: digits are ASCII in every encoding used here.
      cells = textLines(body.toString('latin1'));
    }
    if (allowed === true) return;
    for (const c of cells) {
      if (allowed && allowed(c.field)) continue;
      for (const f of findPersonalData(c.text)) this.found.push({ where, field: c.field, kind: f.kind, masked: mask(f.value) });
    }
  }

  /** A pino destination: every line is counted and searched (its JSON fields named in a finding). */
  readonly logStream = {
    write: (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (!line) continue;
        this.logLines++;
        const cells = line.startsWith('{') ? jsonStrings(line) : [{ field: 'line', text: line }];
        const msg = line.startsWith('{') ? safeMsg(line) : '';
        for (const c of cells) for (const f of findPersonalData(c.text)) this.found.push({ where: `log${msg}`, field: c.field, kind: f.kind, masked: mask(f.value) });
      }
    },
  };

  /** Throws when a leak was found since the last call, naming each route and field. */
  assertClean(): void {
    if (this.found.length === this.reported) return;
    const fresh = this.found.slice(this.reported);
    this.reported = this.found.length;
    throw new Error(`personal data in full outside an audited reveal:\n${fresh.map((l) => `  ${l.where} → ${l.field}: ${l.kind} ${l.masked}`).join('\n')}`);
  }

  /** Findings a test of the scan itself planted on purpose: reported as usual, left out of the scoreboard's leaks. */
  countPlanted(n: number): void {
    this.planted += n;
  }

  /** The scoreboard figures, once per scanner (at the app's close, so a request costs nothing extra). */
  record(): void {
    if (this.recorded) return;
    this.recorded = true;
    recordScore('personal-data leak scan', { 'responses scanned': this.responses, 'log lines scanned': this.logLines, 'files scanned': this.files, 'leaks found': this.found.length - this.planted });
  }
}

/**
 * Hooks the scan into an app before it is ready: each reply's payload (a string, a buffer, or a stream passed through
 * and read as it goes) is searched on its way out, with the route as registered and the actor who asked.
 */
export function installLeakScan(app: FastifyInstance, scanner: LeakScanner): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // The built web app's files are code, not data (a placeholder's made-up number is not a leak).
    if (!request.url.startsWith('/api/')) return payload;
    const where = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    const type = String(reply.getHeader('content-type') ?? '');
    const allowed = isPermittedReveal(request);
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      await scanner.scanBody(where, type, Buffer.from(payload), allowed);
      return payload;
    }
    if (payload instanceof Readable) {
      const chunks: Buffer[] = [];
      const tee = new Transform({
        transform(chunk: Buffer | string, _enc, done) {
          chunks.push(Buffer.from(chunk));
          done(null, chunk);
        },
        // Before the last byte leaves, so the answer a test awaits comes after its scan.
        flush(done) {
          scanner.scanBody(where, type, Buffer.concat(chunks), allowed).then(() => done(), done);
        },
      });
      payload.on('error', (err) => tee.destroy(err));
      return payload.pipe(tee);
    }
    return payload;
  });
}

/** An audited reveal route, asked by an actor whose role holds its permission (and with its flag, if it has one). */
function isPermittedReveal(request: FastifyRequest): boolean {
  const reveal = request.routeOptions.config?.reveal;
  if (!reveal || !request.actor || !can(request.actor, reveal.permission)) return false;
  return !reveal.whenQuery || (request.query as Record<string, unknown> | undefined)?.[reveal.whenQuery] === 'true';
}

function mask(value: string): string {
  return value.length <= 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

function safeMsg(line: string): string {
  try {
    const msg = (JSON.parse(line) as { msg?: unknown }).msg;
    return typeof msg === 'string' ? ` "${msg.slice(0, 60)}"` : '';
  } catch {
    return '';
  }
}

function textLines(text: string): { field: string; text: string }[] {
  return text.split('\n').map((t, i) => ({ field: `line ${i + 1}`, text: t }));
}

/** Every string (and number) in a JSON text with its path; a text that is not JSON is searched as lines. */
function jsonStrings(text: string): { field: string; text: string }[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return textLines(text);
  }
  const out: { field: string; text: string }[] = [];
  const walk = (v: unknown, path: string) => {
    // A fraction is no ID number or phone: pino's responseTime (12.33799961234) once read as "13379996123".
    if (typeof v === 'number' && !Number.isInteger(v)) return;
    if (typeof v === 'string' || typeof v === 'number') out.push({ field: path || '(body)', text: String(v) });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(value, '');
  return out;
}

async function xlsxCells(body: Buffer): Promise<{ field: string; text: string }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    return textLines(body.toString('latin1'));
  }
  const out: { field: string; text: string }[] = [];
  wb.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => out.push({ field: `${sheet.name}!${cell.address}`, text: cell.text }));
    });
  });
  return out;
}

/** A PDF's text through poppler's pdftotext (as the certificate test reads it); a file it cannot read is searched as bytes. */
function pdfText(body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('pdftotext', ['-', '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', () => resolve(body.toString('latin1')));
    child.on('close', (code) => resolve(code === 0 ? out : body.toString('latin1')));
    child.stdin.on('error', () => undefined);
    child.stdin.end(body);
  });
}
