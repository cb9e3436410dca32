/**
 * Where the CPU went during a measurement (Linux /proc, in seconds of CPU): the server's main
 * thread, its other threads (libuv's pool — argon2id —, V8's helpers), the PostgreSQL server's
 * processes, and the bench process itself (the load generator). On a machine whose cores are all
 * busy, what is not hashing takes cores from the hash: this says how much, per request.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ

function cpuSeconds(statPath: string): { name: string; seconds: number } | undefined {
  try {
    const s = readFileSync(statPath, 'utf8');
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
    return { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined; // a process that ended meanwhile
  }
}

export interface CpuSample {
  serverMain: number;
  serverOther: number;
  postgres: number;
  loadGenerator: number;
}

export function sampleCpu(serverPid: number): CpuSample {
  const sample: CpuSample = { serverMain: 0, serverOther: 0, postgres: 0, loadGenerator: 0 };
  for (const tid of readdirSync(`/proc/${serverPid}/task`)) {
    const t = cpuSeconds(`/proc/${serverPid}/task/${tid}/stat`);
    if (!t) continue;
    if (tid === String(serverPid)) sample.serverMain += t.seconds;
    else sample.serverOther += t.seconds;
  }
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = cpuSeconds(`/proc/${pid}/stat`);
    if (p?.name.startsWith('postgres')) sample.postgres += p.seconds;
  }
  sample.loadGenerator = cpuSeconds(`/proc/${process.pid}/stat`)?.seconds ?? 0;
  return sample;
}

/** « main 1.60 · hash and other threads 8.90 · PostgreSQL 0.90 · load generator 0.40 » ms of CPU per request. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): string {
  const per = (k: keyof CpuSample) => (((after[k] - before[k]) / Math.max(1, requests)) * 1000).toFixed(2);
  return `server main thread ${per('serverMain')} · server's other threads (argon2id) ${per('serverOther')} · PostgreSQL ${per('postgres')} · load generator ${per('loadGenerator')}`;
}
