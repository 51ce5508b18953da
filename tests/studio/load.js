// load.js: a short, bounded load run against a studio on the loopback.
//
//   node tests/studio/load.js URL [REQUESTS [CONCURRENCY [SECONDS]]]
//
// Sends REQUESTS (default 400) preview requests of the Metro motif, each
// with its own parameter values, CONCURRENCY (default 32) at a time, and
// stops early after SECONDS (default 60).  Refuses any address but the
// loopback.  Prints requests per second, the slowest response and the
// status counts; fails if any answer is neither 200 nor 503 (busy).
'use strict';

const http = require('http');

const [base, nArg, cArg, sArg] = process.argv.slice(2);
const url = new URL(base);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error('load.js: only a studio on the loopback may be loaded, not ' + url.hostname);
  process.exit(2);
}
const total = Math.min(Number(nArg || 400), 5000);
const concurrency = Math.min(Number(cArg || 32), 256);
const deadline = Date.now() + 1000 * Math.min(Number(sArg || 60), 300);

function preview(i) {
  const body = new URLSearchParams({
    motif: 'metro', size: '110x110cm', view: '480x480', client: 'load' + (i % concurrency), seq: '1',
    'p.size': (0.2 + 0.18 * ((i * 37) % 100) / 100).toFixed(3), 'p.turn': ((i * 7) % 60 - 30) + 'deg',
  }).toString();
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({
      host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: '/api/preview', method: 'POST',
      headers: { 'X-Canting': '1', 'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let bytes = 0;
      res.on('data', (d) => { bytes += d.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', (e) => resolve({ status: 'error ' + e.code, bytes: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(body);
  });
}

(async () => {
  const agent = http.globalAgent;
  agent.keepAlive = true;
  agent.maxSockets = concurrency;
  const results = [];
  let next = 0;
  const started = Date.now();
  async function worker() {
    while (next < total && Date.now() < deadline) results.push(await preview(next++));
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  const counts = {};
  for (const r of results) counts[r.status] = (counts[r.status] || 0) + 1;
  const times = results.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0) : '-';
  console.log(`load: ${results.length} preview requests, ${concurrency} at a time, in ${seconds.toFixed(1)} s`);
  console.log(`load: ${(results.length / seconds).toFixed(1)} requests/s; ` +
    `slowest ${times.length ? times[times.length - 1].toFixed(0) : '-'} ms, median ${pct(0.5)} ms, 95% ${pct(0.95)} ms`);
  console.log('load: statuses ' + JSON.stringify(counts));
  const bad = results.filter((r) => r.status !== 200 && r.status !== 503).length;
  console.log(bad ? `${results.length - bad} passed, ${bad} failed` : `${results.length} passed, 0 failed`);
  process.exit(bad || !times.length ? 1 : 0);
})();
