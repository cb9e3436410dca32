import { afterAll, beforeAll } from 'vitest';
import type { Agent } from '../../src/db/tables/agents.table';
import { createTestAgent } from '../journeys/gestion/helpers';
import { buildTestApp, type TestApp } from './app';

/** For the enclosing describe: an app and one agent, built before its tests and closed after them. */
export function useAppWithAgent(ready: (t: TestApp, agent: Agent) => void): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await buildTestApp();
    ready(t, await createTestAgent(t.ctx));
  });
  afterAll(() => t?.close());
}
