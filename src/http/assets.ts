import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built assets (scripts/build-assets.ts): their folder, and the manifest that maps a plain
 * path (`/assets/app.css`) to its content-hashed name (`/assets/app.3f9c1d2e4b5a.css`), read once.
 * Hashed files never change, so they are served with `immutable`; the pages name them through
 * `assetUrl`. This file sits two folders below the project root, as does the compiled server
 * (dist/server/main.js), so the same relative path finds public/build from both.
 */
export const publicDir = fileURLToPath(new URL('../../public/build', import.meta.url));

/** A year, the longest a cache keeps anything; the name changes with the content. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

let manifest: Record<string, string> | undefined;

function loadManifest(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(`${publicDir}/manifest.json`, 'utf8')) as Record<string, string>;
  } catch {
    return {}; // assets not built: plain paths (their requests will 404 until `npm run build`)
  }
}

/** The URL to put in a page for `/assets/…`: the hashed name when it has been built. */
export function assetUrl(path: string): string {
  manifest ??= loadManifest();
  return manifest[path] ?? path;
}

/** True for a file name carrying a content hash (`name.<12 hex>.ext`). */
export function isFingerprinted(path: string): boolean {
  return /\.[0-9a-f]{12}\.[a-z0-9]+$/.test(path);
}
