import { sealBytes } from '../../src/server/lib/personal-data.js';
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { waitForImports } from '../../src/server/modules/imports/index.js';
import type { Db } from '../../src/server/db/types.js';
import { changedTables, snapshotDatabase } from '../db-snapshot.js';
import type { Permission } from '../../src/server/lib/access.js';
import type { Role } from '../../src/shared/enums.js';
import { withShorthands, type Client, type TestApp } from '../app.js';
import { createTestCertificate, createTestOrgAttachment } from '../factories.js';
import { establishmentData, submitFiling, uploadRequired } from '../applications.js';
import { submitTestItem } from '../review-subject.js';

/**
 * What a module's cases file (`src/server/modules/<name>/<name>.access-cases.ts`) declares for the authorization
 * matrix (test/access-matrix.test.ts): each route with the permission it needs and how to call it on a target.
 */
export type Place = 'inside' | 'outside';

/** The resources of one community the matrix calls routes on: one set inside every placed actor's subtree, one beside it. */
export interface Target {
  region: string; // a community code
  userId: number; // an account at that community
  orgId: number; // an organization at that community
  attachmentId: number; // a file of that organization
  applicationId: number; // an application under review there, filed by community staff of that community
  applicationAttachmentId: number;
  certificateNo: string; // a certificate of that organization
  reviewCaseId: number; // a review case (of the test-only subject kind) at the community step there, submitted by that account
}

export interface RouteCase {
  method: string;
  url: string; // as Fastify registers it
  permission: Permission | 'session'; // 'session' = any signed-in user
  /** Whether the route acts on a resource placed in the hierarchy. */
  placed: boolean;
  /** Roles that see only their own such resources (a hub manager: their hub's members): inside their subtree others are still 404. */
  ownOnly?: Role[];
  /** Business refusals that still prove access was granted (e.g. 409 "not your step": turn order is tested in the flow tests). */
  alsoOk?: number[];
  /**
   * The audit records one successful call of a state-changing route writes (issue 12 item 3); 1 when not given.
   * A route that writes another number says so and why.
   */
  audits?: number;
  /**
   * The request only queues an import job: its records are written by the job, each in the transaction of the batch
   * or the finish it records (imports.runner.ts), so the same-transaction check of the request itself does not apply.
   */
  auditedByJob?: boolean;
  request(c: Client, target: Target, n: number, kit: MatrixKit): Promise<LightMyRequestResponse>;
}

export interface AccessCases {
  /** Routes that need a session. */
  routes: RouteCase[];
  /** Routes anyone may call (`METHOD /url`); they must be marked public in their route config. */
  publicRoutes?: string[];
  /** How to call each state-changing public route, for the writes check (issue 12 item 3). */
  publicWrites?: PublicWriteCase[];
}

/** A public route that changes something: a call that succeeds and one that is refused, both without a session. */
export interface PublicWriteCase {
  method: string;
  url: string;
  succeed(kit: MatrixKit, n: number, c: Client): Promise<LightMyRequestResponse>;
  refuse(kit: MatrixKit, n: number, c: Client): Promise<LightMyRequestResponse>;
  /** The audit records a success writes (1 when not given). */
  audits?: number;
  /** What a refusal writes on purpose, and why; nothing when not given. */
  refusedWrites?: { tables: string[]; audits: number };
}

export const defineAccessCases = (cases: AccessCases): AccessCases => cases;

/** Fixtures the cases share: fresh resources made for one request, so a request never depends on an earlier one. */
export interface MatrixKit {
  t: TestApp;
  /** A new file of the organization. */
  newAttachment(orgId: number): Promise<number>;
  /** A new application under review at the community step, filed by that community's staff. */
  newApplication(region: string): Promise<number>;
  /** A file attached to the application directly. */
  newApplicationAttachment(applicationId: number): Promise<number>;
  newCertificate(orgId: number, place: Place): Promise<string>;
  /** A case of the test-only subject kind waiting at the community step, submitted by the target's account. */
  newReviewCase(target: Pick<Target, 'region' | 'userId'>): Promise<number>;
  /**
   * An import job of this client's own (created directly: jobs are their importer's alone): finished, or interrupted
   * with its one-row file kept.
   */
  ownImportJob(c: Client, interrupted?: { name: string; region: string }): Promise<string>;
  /**
   * For routes that act on one's own application: where the client may file, it files its own (complete when it
   * is to be submitted); outside its subtree, or without the permission, the request goes to the prepared one.
   */
  ownApplication(c: Client, target: Target, n: number, complete?: boolean): Promise<{ id: number; version: number } | null>;
  orgVersion(orgId: number): Promise<number>;
}

export function createMatrixKit(t: TestApp): MatrixKit {
  const db = t.database.db;
  const applicants = new Map<string, Client>();
  return {
    t,
    newAttachment: (orgId) => createTestOrgAttachment(db, orgId),
    async newApplication(region) {
      if (!applicants.has(region)) applicants.set(region, await t.loginAs({ role: 'community_staff', regionCode: region }));
      return submitFiling(applicants.get(region)!, region);
    },
    async newApplicationAttachment(applicationId) {
      const row = await db
        .insertInto('application_attachments')
        .values({ application_id: applicationId, kind: 'other', filename: 'o.pdf', mime_type: 'application/pdf', size_bytes: 9, content: sealBytes(Buffer.from('%PDF-1.4 ')), uploaded_at: new Date(), uploaded_by: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    newCertificate: (orgId, place) => createTestCertificate(db, orgId, `BA-360802-2026-${place === 'inside' ? '90001' : '90002'}-MTRX`),
    async newReviewCase(target) {
      return Number((await submitTestItem(db, target.userId, target.region)).case.id);
    },
    async ownImportJob(c, interrupted) {
      const id = randomUUID();
      if (c.userId === null) return id;
      // Interrupted: its one-row file kept, as a process stopped while importing it leaves it (resume, rerun).
      const file = interrupted ? Buffer.from(`名称,组织形式,类别,所在区划代码\n${interrupted.name},草根,文体活动,${interrupted.region}\n`) : null;
      await db
        .insertInto('import_jobs')
        .values({
          id, user_id: c.userId, kind: 'orgs', filename: 'm.csv', status: interrupted ? 'interrupted' : 'done', total: interrupted ? 1 : 0,
          report: interrupted ? null : sealBytes(Buffer.from('x')), file: file && sealBytes(file), created_at: new Date(), finished_at: new Date(),
        })
        .execute();
      return id;
    },
    async ownApplication(c, target, n, complete = false) {
      const res = await c.post('/api/v1/applications', { kind: 'filing', data: complete ? establishmentData(target.region) : { org: { name: `矩阵自有申请${n}`, regionCode: target.region }, members: [] } });
      if (res.statusCode !== 201) return null;
      const app = res.json();
      if (complete) await uploadRequired(c, app.id);
      return { id: app.id, version: app.version };
    },
    async orgVersion(id) {
      return (await db.selectFrom('orgs').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    },
  };
}

/** One multipart body with a single file field (and optional text fields before it). */
export function multipartFile(boundary: string, file: { name: string; filename: string; type: string; content: string }, fields: Record<string, string> = {}) {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`);
  return { payload: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const changesState = (route: Pick<RouteCase, 'method'>) => STATE_CHANGING.has(route.method);

/** What the call under test did to the database: the tables it changed and the audit actions it wrote. */
export interface ObservedWrites {
  status: number;
  changed: string[];
  audits: string[];
}

/**
 * A client that watches the call of `route` itself (issue 12 item 3): a case may first make its fixtures through the
 * same client (its own application, an upload), so the database is snapshotted immediately around the one request whose
 * method and path are the route's, after any import still running has finished, and the audit records counted are
 * those carrying that request's id. `around` runs just before and after that request (a failure to inject, say).
 */
export function watchWrites(c: Client, route: Pick<RouteCase, 'method' | 'url'>, db: Db, around: { before?: () => Promise<void>; after?: () => Promise<void> } = {}) {
  const path = new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/?]+')}(\\?.*)?$`);
  let observed: ObservedWrites | null = null;
  const request = async (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    if ((opts.method ?? 'GET').toUpperCase() !== route.method || !path.test(String(opts.url))) return c.request(opts);
    await waitForImports();
    const before = await snapshotDatabase(db);
    await around.before?.();
    let res: LightMyRequestResponse;
    try {
      res = await c.request(opts);
    } finally {
      await around.after?.();
    }
    // An import acknowledged with 202 finishes in the background: its writes are part of this request.
    await waitForImports();
    const after = await snapshotDatabase(db);
    const audits = await db.selectFrom('audit_log').select('action').where('request_id', '=', String(res.headers['x-request-id'])).orderBy('id').execute();
    observed = { status: res.statusCode, changed: changedTables(before, after), audits: audits.map((a) => a.action) };
    return res;
  };
  const client = withShorthands({ ...c, request });
  return { client, observed: () => observed };
}

/**
 * Makes every audit insert fail until `restore` (a trigger on audit_log that raises), so a test can show that a change
 * and its audit record are one transaction: with the record refused, the change must not be there either. A trigger in
 * the test database rather than a switch in lib/audit.ts, so no production code path knows about the test.
 */
export async function refuseAuditWrites(db: Db) {
  await sql`CREATE OR REPLACE FUNCTION matrix_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit write refused by the test (issue 12 item 3)'; END; $$`.execute(db);
  await sql`CREATE TRIGGER matrix_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION matrix_refuse_audit()`.execute(db);
}
export async function restoreAuditWrites(db: Db) {
  await sql`DROP TRIGGER IF EXISTS matrix_refuse_audit ON audit_log`.execute(db);
}
