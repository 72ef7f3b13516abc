// Mixed load for tests/reliability/run.sh, and the exactly-once check afterwards (Node 20+, no packages).
//
//   node load.mjs load   --lb URL --ehr URL --minutes N --workers W --out results.json
//   node load.mjs verify --ehr URL --results results.json --db deliveries.tsv
//
// load: W workers for N minutes, each picking one of: a portal launch (following every redirect, as a browser does)
// and page views; a clinician launch and page views; a CDS Hooks patient-view call (the service fetches the record
// from the EHR with the call's token); an API send (Idempotency-Key, the same request sent again, sometimes three
// copies at once); a care coordinator send from the workspace form (posted twice). A send whose answer is lost (502,
// a reset connection, a 5xx) is sent again with the same key or form until it is answered: what counts as requested
// is a delivery whose send was acknowledged. Every HTTP status is counted by kind of request.
// verify: every delivery in the database must have exactly one Communication at the EHR, every acknowledged API
// delivery must be in the database, and the coordinator's acknowledged materials must match its rows.
import crypto from 'node:crypto';
import fs from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);
const opt = Object.fromEntries(rest.reduce((pairs, arg, i, all) => arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const ehr = opt.ehr;
const issuer = `${ehr}/sandbox/fhir`;
const DeliveryIdSystem = 'http://mbcfhiredu.example.org/fhir/sid/delivery-id';
const Patients = ['de-novo-bone-pik3ca', 'recurrence-lung-liver-esr1', 'her2-positive-brain', 'her2-low-ihc1-akt1',
  'tnbc-pdl1-leptomeninges', 'spanish-bone-eye', 'male-brca2-bone-nodes', 'receptor-change-liver'];
const Materials = ['bone-metastases', 'liver-metastases', 'lung-metastases', 'coping-and-support', 'for-caregivers', 'clinical-trials'];
// The API client: an app registration of the sandbox's Entra-shaped tenant (run.sh), app-only tokens by client_credentials.
const ApiClient = { id: 'care-mgmt-reliab', secret: 'reliab-only-secret-0123456789', tenant: 'reliab-tenant', scope: 'api://mbcfhiredu-reliab/.default' };
const pick = list => list[Math.floor(Math.random() * list.length)];
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const counts = {};
function record(kind, status) {
  counts[kind] ??= {};
  counts[kind][status] = (counts[kind][status] ?? 0) + 1;
}

/** One browser: a cookie jar for 127.0.0.1 (cookies are not port-bound) and redirects followed by hand. */
class Browser {
  cookies = new Map();
  async send(kind, url, init = {}) {
    let response;
    try {
      response = await fetch(url, {
        ...init, redirect: 'manual', signal: AbortSignal.timeout(60_000),
        headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
    } catch (err) {
      record(kind, `ERR ${err.cause?.code ?? err.name}`);
      return null;
    }
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some(a => /^\s*max-age=0/i.test(a) || /^\s*expires=.*19[0-9]{2}/i.test(a));
      if (gone) this.cookies.delete(name); else this.cookies.set(name, pair.slice(at + 1).trim());
    }
    const body = await response.text().catch(() => '');
    record(kind, response.status);
    return { status: response.status, location: response.headers.get('location'), body, url, retryAfter: response.headers.get('retry-after') };
  }

  /** GETs url and follows redirects; returns the last answer (with its url), or null on a network error. */
  async follow(kind, url) {
    for (let hop = 0; hop < 12; hop++) {
      const answer = await this.send(kind, url);
      if (!answer || answer.status < 300 || answer.status > 399 || !answer.location) return answer;
      url = new URL(answer.location, url).href;
    }
    return null;
  }
}

const hidden = (page, name) => page.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1]?.replaceAll('&#x2B;', '+').replaceAll('&amp;', '&');

async function portalVisit() {
  const browser = new Browser();
  const page = await browser.follow('launch', `${ehr}/sandbox/launch-portal?patient=${pick(Patients)}&app=${encodeURIComponent(opt.lb + '/launch')}`);
  if (page?.status !== 200) return;
  for (let i = 0; i < 3; i++) {
    await sleep(200 + Math.random() * 600);
    await browser.follow('page', page.url);
  }
}

async function clinicianVisit() {
  const browser = new Browser();
  const page = await browser.follow('launch', `${ehr}/sandbox/launch-ehr?patient=${pick(Patients)}&practitioner=onc-halloway&app=${encodeURIComponent(opt.lb + '/launch')}`);
  if (page?.status !== 200) return;
  await sleep(300);
  await browser.follow('page', page.url);
}

/** Sends until answered (not a 5xx, 429 or network error), at most `tries` times; returns the last answer. */
async function untilAnswered(send, tries = 8) {
  let answer = null;
  for (let attempt = 0; attempt < tries; attempt++) {
    answer = await send();
    if (answer && answer.status < 500 && answer.status !== 429) return answer;
    await sleep(answer?.retryAfter ? Math.min(10, Number(answer.retryAfter) || 1) * 1000 : 1000 * (attempt + 1));
  }
  return answer;
}

const coordinatorAcknowledged = [];
async function coordinatorSend() {
  const browser = new Browser();
  const page = await browser.follow('coordinator-launch',
    `${ehr}/sandbox/launch-ehr?patient=${pick(Patients)}&practitioner=coord-brightwater&app=${encodeURIComponent(opt.lb + '/launch/coordinator')}`);
  if (page?.status !== 200) return;
  const token = hidden(page.body, '__RequestVerificationToken');
  const form = hidden(page.body, 'form');
  const offered = [...page.body.matchAll(/name="material" value="([^"]+)"/g)].map(m => m[1]);
  if (!token || !form || offered.length === 0) { record('coordinator-send', 'no form'); return; }
  const chosen = [...new Set([pick(offered), pick(offered)])];
  const body = new URLSearchParams([['__RequestVerificationToken', token], ['form', form], ['lang', 'en'], ['note', 'Reliability run.'],
    ...chosen.map(m => ['material', m])]).toString();
  const post = () => browser.send('coordinator-send', new URL('/coordinator/send', page.url).href,
    { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const first = await untilAnswered(post);
  if (first?.status !== 303) return;
  coordinatorAcknowledged.push({ form, materials: chosen });
  await post(); // the double click: must find the deliveries it already made
}

let apiToken = null;
async function apiTokenNow(refresh = false) {
  if (apiToken && !refresh) return apiToken;
  const response = await fetch(`${ehr}/sandbox/entra/${ApiClient.tenant}/oauth2/v2.0/token`, {
    method: 'POST', signal: AbortSignal.timeout(30_000),
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ApiClient.id, client_secret: ApiClient.secret, scope: ApiClient.scope }),
  }).catch(() => null);
  if (response?.ok) apiToken = (await response.json()).access_token;
  return apiToken;
}

const apiAcknowledged = new Map(); // Idempotency-Key -> delivery id
async function apiSend() {
  const patient = pick(Patients);
  const key = crypto.randomUUID();
  const body = JSON.stringify({ materialId: pick(Materials), language: 'en', note: 'Reliability run.', sender: 'Practitioner/onc-halloway' });
  const browser = new Browser();
  const post = async () => {
    const token = await apiTokenNow();
    const answer = await browser.send('api-send', `${opt.lb}/api/v1/patients/${patient}/deliveries`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: `Bearer ${token}` },
    });
    if (answer?.status === 401) await apiTokenNow(true);
    return answer?.status === 401 ? { ...answer, status: 503 } : answer;
  };
  const copies = Math.random() < 0.3 ? 3 : 1;
  const answers = await Promise.all(Array.from({ length: copies }, () => untilAnswered(post)));
  const again = await untilAnswered(post); // a retry of an answered request: the same delivery, never a second one
  const ids = new Set([...answers, again].filter(a => a && (a.status === 200 || a.status === 201)).map(a => JSON.parse(a.body).id));
  if (ids.size > 1) record('api-send', 'DIFFERENT IDS FOR ONE KEY');
  if (ids.size >= 1) apiAcknowledged.set(key, [...ids][0]);
}

let cdsToken = null;
async function cdsCall() {
  cdsToken ??= await ehrToken('openid fhirUser user/*.rs');
  const body = JSON.stringify({
    hook: 'patient-view', hookInstance: crypto.randomUUID(),
    context: { userId: 'Practitioner/onc-halloway', patientId: pick(Patients) },
    fhirServer: issuer,
    fhirAuthorization: { access_token: cdsToken, token_type: 'Bearer', expires_in: 300, scope: 'user/*.rs', subject: 'reliab' },
  });
  await new Browser().send('cds', `${opt.lb}/cds-services/mbc-education`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
}

/** A practitioner's token from the EHR (authorization code + PKCE, the sandbox's sign-in picked by URL). */
async function ehrToken(scope) {
  for (let attempt = 0; ; attempt++) {
    try {
      const verifier = crypto.randomBytes(32).toString('base64url');
      const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
      const redirect = 'http://127.0.0.1:9/callback';
      const authorize = `${ehr}/sandbox/auth/authorize?response_type=code&client_id=mbcedu-dev&redirect_uri=${encodeURIComponent(redirect)}`
        + `&scope=${encodeURIComponent(scope)}&state=reliab-${crypto.randomUUID()}&aud=${encodeURIComponent(issuer)}`
        + `&code_challenge=${challenge}&code_challenge_method=S256&sandbox_pick=${encodeURIComponent('Practitioner/onc-halloway')}`;
      const toCallback = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const code = new URL(toCallback.headers.get('location')).searchParams.get('code');
      const response = await fetch(`${ehr}/sandbox/auth/token`, {
        method: 'POST', signal: AbortSignal.timeout(30_000),
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'mbcedu-dev', code_verifier: verifier }),
      });
      if (!response.ok) throw new Error(`token ${response.status}`);
      return (await response.json()).access_token;
    } catch (err) {
      if (attempt >= 20) throw err;
      await sleep(2000);
    }
  }
}

const Actions = [[portalVisit, 30], [clinicianVisit, 15], [cdsCall, 25], [apiSend, 15], [coordinatorSend, 15]];
function chooseAction() {
  let roll = Math.random() * Actions.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [action, weight] of Actions) if ((roll -= weight) < 0) return action;
  return Actions[0][0];
}

async function load() {
  const until = Date.now() + Number(opt.minutes) * 60_000;
  setInterval(() => { cdsToken = null; }, 10 * 60_000).unref(); // sandbox access tokens last an hour
  const progress = setInterval(() => fs.writeFileSync(opt.out, JSON.stringify(summary(), null, 1)), 10_000);
  const worker = async () => {
    while (Date.now() < until) {
      try { await chooseAction()(); } catch (err) { record('harness', `ERR ${err.message}`); }
      await sleep(200 + Math.random() * 800);
    }
  };
  await Promise.all(Array.from({ length: Number(opt.workers) }, worker));
  clearInterval(progress);
  fs.writeFileSync(opt.out, JSON.stringify(summary(), null, 1));
}

function summary() {
  return {
    requests: counts,
    apiAcknowledged: Object.fromEntries(apiAcknowledged),
    coordinatorAcknowledged,
  };
}

/** Every Communication at the EHR that carries a delivery id: delivery id -> how many. */
async function communications() {
  const token = await ehrToken('openid fhirUser user/Communication.rs');
  const found = new Map();
  for (const patient of Patients) {
    let url = `${issuer}/Communication?patient=${patient}&_count=200`;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' }, signal: AbortSignal.timeout(60_000) });
      if (!response.ok) throw new Error(`Communication search answered ${response.status}`);
      const bundle = await response.json();
      for (const entry of bundle.entry ?? []) {
        for (const identifier of entry.resource.identifier ?? []) {
          if (identifier.system === DeliveryIdSystem) found.set(identifier.value, (found.get(identifier.value) ?? 0) + 1);
        }
      }
      url = bundle.link?.find(l => l.relation === 'next')?.url ?? null;
    }
  }
  return found;
}

async function verify() {
  const results = JSON.parse(fs.readFileSync(opt.results, 'utf8'));
  // deliveries.tsv from psql: id, status (0 Pending, 1 Sending, 2 Delivered, 3 Failed), idempotency key.
  const Status = ['pending', 'sending', 'delivered', 'failed'];
  const rows = fs.readFileSync(opt.db, 'utf8').split('\n').filter(Boolean).map(line => line.split('\t'));
  const byStatus = {};
  for (const [, status] of rows) byStatus[Status[status] ?? status] = (byStatus[Status[status] ?? status] ?? 0) + 1;
  const apiIds = new Set(Object.values(results.apiAcknowledged));
  const coordinatorKeys = new Set(results.coordinatorAcknowledged.flatMap(send => send.materials.map(m => `ws:${send.form}:${m}`)));
  const acknowledged = apiIds.size + coordinatorKeys.size;
  // A row no acknowledged send accounts for: a send whose every answer was lost (it gave up retrying) that was recorded.
  const unacknowledged = rows.filter(([id, , key]) => !apiIds.has(id) && !coordinatorKeys.has(key)).length;
  const dbIds = new Set(rows.map(([id]) => id));
  const dbKeys = new Set(rows.map(([, , key]) => key));
  const created = await communications();
  const duplicated = [...created].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  const missing = rows.filter(([id]) => !created.has(id)).map(([id, status]) => `${id} (${Status[status] ?? status})`);
  const unknown = [...created.keys()].filter(id => !dbIds.has(id));
  const lost = [...apiIds].filter(id => !dbIds.has(id)).length + [...coordinatorKeys].filter(key => !dbKeys.has(key)).length;
  const communicationsCreated = [...created.values()].reduce((a, b) => a + b, 0);
  const requested = acknowledged + unacknowledged;

  console.log(`deliveries requested:              ${requested} (acknowledged: API ${apiIds.size}, coordinator ${coordinatorKeys.size}; `
    + `recorded although every answer was lost: ${unacknowledged})`);
  console.log(`deliveries in the database:        ${rows.length} ${JSON.stringify(byStatus)}`);
  console.log(`Communications created at the EHR: ${communicationsCreated} (for ${created.size} deliveries)`);
  if (duplicated.length) console.log(`DUPLICATED (more than one Communication): ${duplicated.length}: ${duplicated.slice(0, 10).join(', ')}`);
  if (missing.length) console.log(`MISSING (no Communication): ${missing.length}: ${missing.slice(0, 10).join(', ')}`);
  if (unknown.length) console.log(`UNKNOWN (a Communication without a delivery row): ${unknown.length}`);
  if (lost) console.log(`LOST (acknowledged, not in the database): ${lost}`);
  const exactlyOnce = requested === rows.length && requested === communicationsCreated && !duplicated.length && !missing.length && !unknown.length && !lost;
  console.log(`exactly once: ${exactlyOnce ? 'yes' : 'NO'}`);
  process.exitCode = exactlyOnce ? 0 : 1;
}

if (mode === 'load') await load();
else if (mode === 'verify') await verify();
else { console.error('usage: node load.mjs load|verify ...'); process.exitCode = 2; }
