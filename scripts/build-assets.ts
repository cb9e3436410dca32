/**
 * Builds the static assets into public/build (ignored by git): the stylesheet compiled from
 * src/http/assets/styles.scss (GOV.UK Frontend in our colours), our own scripts, the fonts, and
 * the accessible autocomplete. Run by `npm start` and `npm test`; takes a couple of seconds.
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
const nm = join(root, 'node_modules');

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
console.log(`assets built in ${out}`);
