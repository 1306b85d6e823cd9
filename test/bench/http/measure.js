// Latency and memory measurement for the HTTP bench: a closed loop of concurrent callers, percentiles, and the
// backend's resident memory read from /proc.
const fs = require('node:fs');

/** The p-th percentile (0–100) of sorted numbers, nearest rank. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Runs `requests` calls of `call(i)` with `concurrency` callers, each starting its next call when its last one
 * answered; `call` throws on an error answer. Resolves to `{ p50, p95, throughput }` (ms, requests/s).
 */
async function closedLoop(call, { requests, concurrency }) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    throughput: requests / seconds,
  };
}

/** The resident set size of a process in MiB (VmRSS of /proc/<pid>/status). */
function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]);
  return kib / 1024;
}

/** Samples a process's RSS every `everyMs` until `stop()` is called; `stop()` returns the peak in MiB. */
function watchPeakRss(pid, everyMs = 100) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // the process is gone: the bench fails on its next request
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMiB(pid));
  };
}

module.exports = { percentile, closedLoop, rssMiB, watchPeakRss };
