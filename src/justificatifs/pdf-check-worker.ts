import { parentPort } from 'node:worker_threads';
import { pdfProblem } from './pdf-check';

/** The thread of src/justificatifs/pdf-checker.ts: checks the PDF of each message, answers its problem. */
parentPort!.on('message', async (m: { bytes: Uint8Array }) => {
  const problem = await pdfProblem(m.bytes);
  parentPort!.postMessage({ problem: problem ?? null });
});
