import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RouteInfo } from '../src/server/app.js';
import { ROLES, type Role } from '../src/shared/enums.js';
import { createTestApp, type Client, type TestApp } from './app.js';
import { changedTables, snapshotDatabase, type SnapshotOptions } from './db-snapshot.js';
import { createTestCertificate, createTestOrg, createTestOrgAttachment, createTestUser, PLACES } from './factories.js';
import { pickRequests, takesInput, type FuzzRequest } from './fuzz/requests.js';
import { recordScore } from './scoreboard.js';

/**
 * Schema fuzz of every route (issue 12 item 1): the routes come from the built app (`app.routeList`, filled by an
 * onRoute hook with each route's zod schemas), so a route is fuzzed the day it is registered. For each route, an
 * actor of each role and an anonymous caller send requests generated from the route's own schemas with one part
 * broken (or, now and then, none). Every answer is below 500; every 4xx carries the standard error body with a
 * Chinese message and no stack or SQL; a request the schema refuses is refused (4xx), and an anonymous caller of a
 * signed-in route gets 401 before anything is parsed. Nothing a refused request does changes the database.
 *
 * Seeded: SHEZU_FUZZ_SEED=<n> repeats a run; SHEZU_FUZZ_ROUTE='POST /api/v1/orgs,GET /api/v1/orgs' runs only those
 * (a route's requests are the same alone as in the whole run); SHEZU_FUZZ_FULL=1 prints whole payloads.
 */

const SEED = Number(process.env.SHEZU_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ONLY_ROUTES = process.env.SHEZU_FUZZ_ROUTE?.split(',').map((r) => r.trim());
/**
 * Requests per route for each signed-in actor (a route that reads no input gets a few: there is little to break);
 * an anonymous caller of a signed-in route is refused before anything is read, so a few suffice there too.
 */
const PER_ACTOR = { input: 28, none: 5 };
const PER_ANONYMOUS = { public: 18, signedIn: 3 };
const MIN_REQUESTS = 10_000;

/**
 * A refused login is audited on purpose (auth.login_failed, and the user's failed_logins counter and lock),
 * DESIGN §auth: the one documented change a refused request makes, left out of the login route's comparison.
 */
const SNAPSHOT_EXCEPTIONS: Record<string, SnapshotOptions> = {
  'POST /api/v1/auth/login': { ignore: { audit_log: '*', users: ['failed_logins', 'locked_until', 'updated_at'] } },
};

const STACK_OR_SQL = /\n\s+at |\.[jt]s:\d+|node_modules|\b(SELECT|INSERT INTO|DELETE FROM)\b|\bUPDATE \w+ SET\b|syntax error|violates|relation "|invalid byte sequence|PGlite|postgres/i;
const CHINESE = /[\u4e00-\u9fff]/;

interface Actor {
  name: string;
  role: Role | null;
  client: Client;
}

let t: TestApp;
let actors: Actor[];
let routes: RouteInfo[];

async function signIn(role: Role): Promise<Client> {
  return t.loginAs({ role });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // Records for generated ids to name (small ids: the generator's integers start at 1): users, organizations,
  // an attachment and a certificate. The actors' own ids are put far above them, so an accepted change to
  // "user 3" never disables or demotes the caller that the next requests come from.
  for (let i = 0; i < 3; i++) await createTestUser(db, { role: 'community_staff' });
  for (const regionCode of [PLACES.cangkou, PLACES.cangkou, PLACES.gunanCommunity]) {
    const org = await createTestOrg(db, { regionCode, leaderPhone: '13800001111' });
    await createTestOrgAttachment(db, org.id);
  }
  await createTestCertificate(db, 1, 'JZ-2026-0001');
  await sql`SELECT setval(pg_get_serial_sequence('users', 'id'), 100000)`.execute(db);
  actors = [...(await Promise.all(ROLES.map(async (role) => ({ name: role, role, client: await signIn(role) })))), { name: 'anonymous', role: null, client: t.anonymous() }];
  routes = t.app.routeList.filter((r) => !ONLY_ROUTES || ONLY_ROUTES.includes(`${r.method} ${r.url}`));
});
afterAll(async () => t?.close());

/** A route's own seed, from the run's seed and its name: adding a route leaves every other route's requests alone. */
function routeSeed(route: RouteInfo): number {
  return createHash('sha256').update(`${SEED} ${route.method} ${route.url}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/** An accepted change may have ended a caller's session (a logout, say): sign that caller in again. */
async function keepSignedIn(actor: Actor) {
  if (!actor.role) return;
  const me = await actor.client.get('/api/v1/auth/me');
  if (me.statusCode === 200) return;
  actor.client = await t.login(actor.client.username!).catch(() => signIn(actor.role!));
}

function describeRequest(r: FuzzRequest, actor: Actor): string {
  const payload = r.inject.payload === undefined ? '' : Buffer.isBuffer(r.inject.payload) ? r.inject.payload.toString('utf8') : String(r.inject.payload);
  // SHEZU_FUZZ_FULL=1 shows whole payloads, to replay one by hand
  const shown = payload.length > 300 && !process.env.SHEZU_FUZZ_FULL ? `${[...payload].slice(0, 300).join('')}… (${payload.length} chars)` : payload;
  return `as ${actor.name}: ${r.inject.method} ${r.inject.url.slice(0, 300)}${r.inject.headers?.['content-type'] ? ` [${r.inject.headers['content-type']}]` : ''} ${JSON.stringify(shown)} (broken: ${r.broken ?? 'nothing'})`;
}

/** What is wrong with an answer, or null when it is as it should be. */
function checkAnswer(route: RouteInfo, actor: Actor, req: FuzzRequest, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (!actor.role && !route.public && res.statusCode !== 401 && res.statusCode !== 404) return `anonymous caller of a signed-in route got ${res.statusCode}, not 401`;
  if (req.malformed && res.statusCode < 400 && route.method !== 'GET') return `accepted (${res.statusCode}) although its schema refuses it`;
  if (res.statusCode < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} without a JSON body: ${res.body.slice(0, 200)}`;
  }
  const error = body.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || Object.keys(body).length !== 1) return `${res.statusCode} without the standard error body: ${res.body.slice(0, 300)}`;
  if (!CHINESE.test(error.message)) return `${res.statusCode} message is not Chinese: ${error.message}`;
  if (error.fields !== undefined) {
    const fields = error.fields as Record<string, unknown>;
    if (typeof fields !== 'object' || fields === null || Object.values(fields).some((m) => typeof m !== 'string' || !CHINESE.test(m))) return `${res.statusCode} fields are not Chinese messages: ${JSON.stringify(fields)}`;
  }
  if (STACK_OR_SQL.test(res.body)) return `${res.statusCode} body shows a stack or SQL: ${res.body.slice(0, 300)}`;
  return null;
}

interface Sent {
  actor: Actor;
  req: FuzzRequest;
  status: number;
}

it(`every route answers generated bad input with a 4xx and changes nothing (seed ${SEED})`, async () => {
  const failures: string[] = [];
  const fail = (route: RouteInfo, what: string) => failures.push(`${route.method} ${route.url} ${what}`);
  let tried = 0;
  let malformed = 0;
  let acceptedWrites = 0;
  let snapshotMs = 0;
  const snapshot = async (options: SnapshotOptions) => {
    const t0 = Date.now();
    const result = await snapshotDatabase(t.database.db, options);
    snapshotMs += Date.now() - t0;
    return result;
  };
  let fiveHundreds = 0;
  let changedByRefused = 0;
  const started = Date.now();
  const timings: { name: string; ms: number }[] = [];

  for (const route of routes) {
    const name = `${route.method} ${route.url}`;
    const snapshotOptions = SNAPSHOT_EXCEPTIONS[name] ?? {};
    const sent: Sent[] = [];
    // `again`: a request sent a second time to find what changed the data, not counted twice
    const send = async (actor: Actor, req: FuzzRequest, again = false) => {
      const res = await actor.client.request(req.inject).catch((err: Error) => err);
      if (!again) tried++;
      if (res instanceof Error) {
        // The answer broke off (a stream that failed after its headers were sent): as bad as a 500.
        fiveHundreds++;
        fail(route, `no complete answer: ${res.message}\n    ${describeRequest(req, actor)}`);
        return 500;
      }
      if (req.malformed && !again) malformed++;
      if (res.statusCode < 400 && route.method !== 'GET' && !again) acceptedWrites++;
      if (res.statusCode >= 500) fiveHundreds++;
      const problem = checkAnswer(route, actor, req, res);
      if (problem) fail(route, `${problem}\n    ${describeRequest(req, actor)}`);
      if (res.statusCode < 400 && route.method !== 'GET') await keepSignedIn(actor);
      return res.statusCode;
    };

    const routeStarted = Date.now();
    const before = await snapshot(snapshotOptions);
    const seed = routeSeed(route);
    for (const [i, actor] of actors.entries()) {
      const count = !takesInput(route) ? PER_ACTOR.none : actor.role ? PER_ACTOR.input : route.public ? PER_ANONYMOUS.public : PER_ANONYMOUS.signedIn;
      for (const req of pickRequests(route, seed + i, count)) sent.push({ actor, req, status: await send(actor, req) });
    }
    const after = await snapshot(snapshotOptions);
    timings.push({ name, ms: Date.now() - routeStarted });
    const changed = changedTables(before, after);
    const accepted = sent.filter((s) => s.status < 400);
    if (changed.length === 0) continue;

    // Something changed. Accepted requests may change data; refused ones must not: send the refused ones again
    // (a refused request that writes does so again) between two snapshots. A rerun may find the state moved on (an
    // accepted logout ended the session a refused request came with): what is accepted this time is dropped and
    // the rest sent again. When the refused ones alone change something, they are sent one by one to name one.
    let refused = sent.filter((s) => s.status >= 400);
    if (accepted.length) {
      let clean = false;
      for (let round = 0; round < 3 && refused.length; round++) {
        const a = await snapshot(snapshotOptions);
        const again: Sent[] = [];
        for (const s of refused) again.push({ ...s, status: await send(s.actor, s.req, true) });
        const moved = changedTables(a, await snapshot(snapshotOptions)).length > 0;
        refused = again.filter((s) => s.status >= 400);
        if (refused.length < again.length) continue;
        clean = !moved;
        break;
      }
      if (clean || refused.length === 0) continue;
    }
    let named = false;
    for (const s of refused) {
      const a = await snapshot(snapshotOptions);
      const status = await send(s.actor, s.req, true);
      const tables = changedTables(a, await snapshot(snapshotOptions));
      if (status >= 400 && tables.length) {
        fail(route, `refused (${status}) and yet changed ${tables.join(', ')}\n    ${describeRequest(s.req, s.actor)}`);
        named = true;
        break;
      }
    }
    changedByRefused++;
    if (!named) fail(route, `its refused requests changed ${changed.join(', ')} (not reproduced one by one)`);
  }

  const seconds = (Date.now() - started) / 1000;
  const slowest = timings.sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.SHEZU_FUZZ_SLOWEST ?? 5)).map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`route fuzz: seed ${SEED}, ${routes.length} routes, ${tried} requests (${malformed} malformed, ${acceptedWrites} valid changes accepted) in ${seconds.toFixed(1)} s (snapshots ${(snapshotMs / 1000).toFixed(1)} s), ${fiveHundreds} × 5xx; slowest: ${slowest.join(', ')}`);
  recordScore('route fuzz', { routes: routes.length, 'requests tried': tried, 'malformed requests': malformed, '5xx seen': fiveHundreds, 'refused requests that changed data': changedByRefused });
  if (failures.length) {
    const shown = failures.slice(0, 25).join('\n  ');
    expect.fail(`route fuzz (seed ${SEED}; repeat with SHEZU_FUZZ_SEED=${SEED}): ${failures.length} problems\n  ${shown}${failures.length > 25 ? `\n  … and ${failures.length - 25} more` : ''}`);
  }
  if (!ONLY_ROUTES) expect(malformed).toBeGreaterThanOrEqual(MIN_REQUESTS);
  // Every route the app has took part: none was left out of the list it reads.
  expect(routes.length).toBe(ONLY_ROUTES ? ONLY_ROUTES.length : t.app.routeList.length);
}, 600_000);
