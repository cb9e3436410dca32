import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PdfProblem, pdfProblem } from './pdf-check';

/**
 * Where PDFs are parsed: reading a PDF of 10 MB with thousands of objects takes from tens of
 * milliseconds to seconds of CPU (bench/justificatifs.ts), too long for the event loop that serves
 * every other request. The server checks them in a thread of its own, one file after the other;
 * a file that takes longer than `timeoutMs` (a parser trap) is refused as damaged and the thread
 * replaced. Tests of the rule itself call `pdfProblem` directly (`inlinePdfChecker`).
 *
 * The thread's code is src/justificatifs/pdf-check-worker.ts, run through tsx from the sources and
 * compiled beside the server (dist/server/pdf-check-worker.js, scripts/build-server.ts).
 */
export interface PdfChecker {
  check(bytes: Uint8Array): Promise<PdfProblem | undefined>;
  close(): Promise<void>;
}

export const inlinePdfChecker: PdfChecker = { check: pdfProblem, close: async () => undefined };

const fromSources = import.meta.url.endsWith('.ts');

/** From the sources (tests, `npm run dev`), the thread loads its TypeScript through tsx's API. */
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => tsx.tsImport(workerData.url, workerData.url));
`;

function startThread(): Worker {
  if (!fromSources) return new Worker(new URL('./pdf-check-worker.js', import.meta.url));
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  return new Worker(TSX_BOOT, { eval: true, workerData: { tsx, url: new URL('./pdf-check-worker.ts', import.meta.url).href } });
}

interface Task {
  bytes: Uint8Array;
  resolve(p: PdfProblem | undefined): void;
  reject(e: unknown): void;
}

export function workerPdfChecker(o: { timeoutMs?: number } = {}): PdfChecker {
  const timeoutMs = o.timeoutMs ?? 20_000;
  let worker: Worker | undefined;
  /** one file at a time in the thread (its time limit is its own), the others wait here */
  const queue: Task[] = [];
  let current: { task: Task; timer: NodeJS.Timeout } | undefined;

  const finish = (answer: (t: Task) => void) => {
    const c = current;
    if (!c) return;
    current = undefined;
    clearTimeout(c.timer);
    answer(c.task);
    next();
  };
  const start = (): Worker => {
    const w = startThread();
    w.on('message', (m: { problem: PdfProblem | null }) => {
      if (worker === w) finish((t) => t.resolve(m.problem ?? undefined));
    });
    const gone = (e: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      finish((t) => t.reject(e));
    };
    w.on('error', gone);
    w.on('exit', () => gone(new Error('PDF check thread stopped')));
    return w;
  };
  function next(): void {
    const task = queue.shift();
    if (!task) {
      worker?.unref(); // idle: never keeps a process alive
      return;
    }
    worker ??= start();
    const w = worker;
    w.ref(); // a check under way keeps the process alive until it answers
    const timer = setTimeout(() => {
      // A trap for the parser: refused as damaged, and the thread (still busy with it) replaced.
      worker = undefined;
      void w.terminate();
      finish((t) => t.resolve('damaged'));
    }, timeoutMs);
    current = { task, timer };
    w.postMessage({ bytes: task.bytes });
  }

  return {
    check: (bytes) =>
      new Promise((resolve, reject) => {
        queue.push({ bytes, resolve, reject });
        if (!current) next();
      }),
    async close() {
      const w = worker;
      worker = undefined;
      const closed = new Error('PDF checker closed');
      for (const t of queue.splice(0)) t.reject(closed);
      if (current) clearTimeout(current.timer);
      current?.task.reject(closed);
      current = undefined;
      if (w) await w.terminate();
    },
  };
}
