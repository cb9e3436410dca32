import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The machines run Node.js 20.19+ (package.json `engines`). A dependency that asks for a newer Node
 * installs with a mere warning and may then fail at run time (cookie 2 asks for Node 22, for
 * instance): every package the lockfile installs must accept our lowest Node version.
 */
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('engines', () => {
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('says which Node.js the project runs on', () => {
    expect(lowest).toBe('20.19.0');
  });

  it('installs no package that refuses our lowest Node.js version', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !Array.isArray(p.engines) && p.engines?.node)
      .filter(([, p]) => !semver.satisfies(lowest, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(([path, p]) => `${path.replace(/^node_modules\//, '')}@${p.version} (node ${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});
