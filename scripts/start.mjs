/**
 * `npm start`. Plain JavaScript, run by plain `node`:
 * - production (NODE_ENV=production): runs the compiled server, dist/server/main.js;
 * - otherwise: runs the TypeScript sources through tsx (development).
 * The build (`npm run build`: assets, and the server for production) runs first only when its
 * output is missing or older than the files it is made from, so a start after a build is immediate.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production';
const server = join(root, 'dist/server/main.js');
const manifest = join(root, 'public/build/manifest.json');

/** Newest modification time under the given files and folders (0 when none exists). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(readdirSync(p).map((n) => join(p, n))) : s.mtimeMs);
  }
  return t;
}

const age = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);
const common = ['package-lock.json', 'scripts'].map((p) => join(root, p));
const assetsStale = age(manifest) < newest([...common, join(root, 'src/http/assets')]);
const serverStale = production && age(server) < newest([...common, join(root, 'src')]);

if (assetsStale || serverStale) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (production) {
  await import(pathToFileURL(server).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src/main.ts')).href);
}
