/**
 * Compiles the server to JavaScript for production: src/main.ts and everything it imports, in one
 * ES module, dist/server/main.js (with its source map), run by plain `node` (`npm start` with
 * NODE_ENV=production, see scripts/start.mjs). Packages stay in node_modules (not bundled).
 * Files the server reads at run time next to its code are copied beside it: the identity data
 * (src/identity/data → dist/server/data, read through `new URL('./data/…', import.meta.url)`).
 * The bundle sits two folders below the project root, like src/http/assets.ts, so public/build is
 * found the same way from both.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'server');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = performance.now();
await build({
  absWorkingDir: root,
  // The thread that parses PDFs (src/justificatifs/pdf-checker.ts) runs a file of its own.
  entryPoints: { main: 'src/main.ts', 'pdf-check-worker': 'src/justificatifs/pdf-check-worker.ts' },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync(join(root, 'src/identity/data'), join(out, 'data'), { recursive: true, filter: (f) => !f.endsWith('.md') });
console.log(`server built in ${out} (${Math.round(performance.now() - started)} ms)`);
