/**
 * Builds the static assets into public/build (ignored by git): the stylesheet compiled from
 * src/http/assets/styles.scss (GOV.UK Frontend in our colours), our own scripts, the fonts, and
 * the accessible autocomplete. Every file gets its content hash in its name (`app.3f9c…e1.css`),
 * so that the server can send it with `Cache-Control: immutable` (a new build is a new URL);
 * references between assets (`url(/assets/fonts/…)` in the CSS, `import '/assets/js/…'` in our
 * scripts) are rewritten to the hashed names, and `manifest.json` maps each plain path to its
 * hashed one for the pages (src/http/assets.ts). Run by `npm run build`; takes a couple of seconds.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
const nm = join(root, 'node_modules');
const PREFIX = '/assets/';

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'js'), { recursive: true });
mkdirSync(join(out, 'fonts'), { recursive: true });

const css = sass.compile(join(root, 'src/http/assets/styles.scss'), {
  loadPaths: [join(nm, 'govuk-frontend/dist')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div'] as never,
});
writeFileSync(join(out, 'app.css'), css.css);

for (const f of readdirSync(join(root, 'src/http/assets/js')).filter((n) => n.endsWith('.js'))) {
  copyFileSync(join(root, 'src/http/assets/js', f), join(out, 'js', f));
}
copyFileSync(join(root, 'src/http/assets/favicon.svg'), join(out, 'favicon.svg'));
for (const w of ['400', '700']) {
  const f = `source-sans-3-latin-${w}-normal.woff2`;
  copyFileSync(join(nm, '@fontsource/source-sans-3/files', f), join(out, 'fonts', f));
}
copyFileSync(join(nm, 'govuk-frontend/dist/govuk/govuk-frontend.min.js'), join(out, 'js/govuk-frontend.min.js'));
copyFileSync(join(nm, 'accessible-autocomplete/dist/accessible-autocomplete.min.js'), join(out, 'js/accessible-autocomplete.min.js'));
copyFileSync(join(nm, 'accessible-autocomplete/dist/accessible-autocomplete.min.css'), join(out, 'accessible-autocomplete.min.css'));
cpSync(join(nm, 'govuk-frontend/dist/govuk/assets'), join(out, 'govuk'), { recursive: true });

const manifest = fingerprint(out);
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`assets built in ${out} (${Object.keys(manifest).length} files, content-hashed names)`);

/**
 * Renames every file to `name.<hash>.ext`, leaves first: a CSS or JS file that refers to other
 * assets is hashed after its references are rewritten, so its hash changes when theirs do.
 */
function fingerprint(dir: string): Record<string, string> {
  const urlOf = (file: string) => PREFIX + relative(dir, file).split(sep).join('/');
  const pending = new Map(listFiles(dir).map((f) => [urlOf(f), f]));
  const manifest: Record<string, string> = {};
  while (pending.size > 0) {
    let progressed = false;
    for (const [url, file] of pending) {
      const text = /\.(css|js)$/.test(file) ? readFileSync(file, 'utf8') : undefined;
      const refs = text ? [...pending.keys()].filter((u) => u !== url && text.includes(u)) : [];
      if (refs.length > 0) continue;
      if (text) writeFileSync(file, rewrite(text, manifest));
      const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
      const hashed = file.replace(/(\.[^./\\]+)$/, `.${hash}$1`);
      renameSync(file, hashed);
      manifest[url] = urlOf(hashed);
      pending.delete(url);
      progressed = true;
    }
    if (!progressed) throw new Error(`assets that refer to each other: ${[...pending.keys()].join(', ')}`);
  }
  return manifest;
}

/** Replaces each plain asset URL by its hashed one (longest first, so no URL is a prefix of another). */
function rewrite(text: string, manifest: Record<string, string>): string {
  const urls = Object.keys(manifest).sort((a, b) => b.length - a.length);
  return urls.reduce((t, u) => t.split(u).join(manifest[u]!), text);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
