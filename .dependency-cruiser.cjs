/**
 * The layers of src/ (see the README's layout): checked by test/architecture/layers.test.ts, or by
 * hand with `npx depcruise src`.
 *
 *   top        src/main.ts, src/context.ts (the composition root), src/routes.ts (every journey's routes),
 *              src/app-errors.ts (every module's error catalogue)
 *   journeys   src/journeys/<name>/: one folder per journey, may use src/http and the domain modules
 *   http       src/http/: what every journey shares (server, CSRF, sessions, layout, apiRoute)
 *   domain     every other folder of src/ (accounts, auth, household, db…): free of HTTP
 *
 * Imports point down: nothing imports a journey but the top (and the journeys themselves), nothing
 * below the journeys imports src/http, and only the top imports the composition root.
 * Type-only imports count: they are dependencies too.
 */

/** The top: the only files of src/ that may import everything. */
const TOP = '^src/(main|context|routes|app-errors)[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle of imports: one of its modules must stop importing the other (move what both need below them).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-only-from-journeys-and-top',
      severity: 'error',
      comment: 'src/http is imported only by the journeys, by itself and by the top; a domain module is free of HTTP.',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/journeys/', TOP] },
      to: { path: '^src/http/' },
    },
    {
      name: 'journeys-only-from-journeys-and-top',
      severity: 'error',
      comment: 'A journey is imported only by the top (route assembly, composition root) and by the journeys.',
      from: { path: '^src/', pathNot: ['^src/journeys/', TOP] },
      to: { path: '^src/journeys/' },
    },
    {
      name: 'context-only-from-top',
      severity: 'error',
      comment:
        'The composition root (src/context.ts) is imported only by the top of src/, scripts, benches and tests; a module takes the narrow dependencies it needs.',
      from: { path: '^src/', pathNot: [TOP] },
      to: { path: '^src/context[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]json$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
