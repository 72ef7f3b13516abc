// A small loopback HTTP proxy for tests/reliability/run.sh (Node's own http module, no packages).
//
//   node proxy.mjs --listen 127.0.0.1:PORT --to 127.0.0.1:P1[,127.0.0.1:P2...] [--name lb]
//
// Round-robin over the backends, like a load balancer: a request whose backend refuses the connection (a replica that
// is down) is sent to the next backend, as a load balancer's passive health check would; a request already sent is
// never resent (the answer is then 502). Request bodies are small here, so each is read whole before it is sent.
//
// In front of the EHR the same proxy injects faults: POST /_reliab/faults?rate=0.3 makes that share of requests fail
// until POST /_reliab/faults?rate=0. Half of the failures are answered 503 without reaching the EHR; the other half
// reach it and their answer is replaced by a 502, so a write may have happened although the caller saw an error (the
// case a conditional create must survive). GET /_reliab/stats answers the counts as JSON.
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const [listenHost, listenPort] = args.listen.split(':');
const backends = args.to.split(',').map(b => { const [host, port] = b.split(':'); return { host, port: Number(port) }; });
const name = args.name ?? 'proxy';
const agents = backends.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));

let next = 0;
let failRate = 0;
const stats = { requests: 0, failedBefore: 0, failedAfter: 0, refusedBackends: 0, upstreamErrors: 0, byStatus: {} };

function count(status) { stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1; }

function answer(res, status, body, type = 'application/json') {
  count(status);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const outcome = text => JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: text }] });

function control(req, res, url) {
  if (url.pathname === '/_reliab/stats') return answer(res, 200, JSON.stringify({ name, failRate, ...stats }));
  if (url.pathname === '/_reliab/faults' && req.method === 'POST') {
    failRate = Math.min(1, Math.max(0, Number(url.searchParams.get('rate') ?? 0)));
    return answer(res, 200, JSON.stringify({ failRate }));
  }
  return answer(res, 404, '{}');
}

// Sends to the backend after `first` by `tried`; on a refused connection tries the next one (at most one round).
function forward(req, res, body, first, tried, replaceAnswer) {
  const i = (first + tried) % backends.length;
  const backend = backends[i];
  const upstream = http.request({
    host: backend.host, port: backend.port, method: req.method, path: req.url, headers: req.headers, agent: agents[i],
  }, reply => {
    if (replaceAnswer) {
      reply.resume();
      reply.on('end', () => answer(res, 502, outcome(`${name}: the answer was lost on the way back`)));
      return;
    }
    count(reply.statusCode);
    res.writeHead(reply.statusCode, reply.rawHeaders);
    reply.pipe(res);
  });
  upstream.on('error', err => {
    // Refused: nothing was sent, so the next backend may have it. Anything else may have reached the backend.
    if (err.code === 'ECONNREFUSED' && tried + 1 < backends.length) {
      stats.refusedBackends++;
      return forward(req, res, body, first, tried + 1, replaceAnswer);
    }
    stats.upstreamErrors++;
    if (!res.headersSent) answer(res, 502, outcome(`${name}: upstream ${err.code ?? 'error'}`));
    else res.destroy();
  });
  upstream.end(body);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  if (url.pathname.startsWith('/_reliab/')) return control(req, res, url);
  stats.requests++;
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const first = next++ % backends.length;
    if (failRate > 0 && Math.random() < failRate) {
      if (Math.random() < 0.5) {
        stats.failedBefore++;
        return answer(res, 503, outcome(`${name}: injected failure`), 'application/fhir+json');
      }
      stats.failedAfter++;
      return forward(req, res, body, first, 0, true);
    }
    forward(req, res, body, first, 0, false);
  });
});
server.keepAliveTimeout = 5000;
server.listen(Number(listenPort), listenHost, () => console.log(`${name} listening on ${listenHost}:${listenPort} -> ${args.to}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
