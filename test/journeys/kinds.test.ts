import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOW_LIVES } from '../../src/flows/lives';
import { flowStore } from '../../src/flows/store';
import { allFlowKinds } from '../../src/journeys/kinds';
import { diagramBlock } from '../../scripts/flow-diagrams';
import { testDatabases } from '../support/databases';
import { flowConformance } from '../flows/conformance';

/** A sample of what each kind holds (any JSON of its shape). */
const samples: Record<string, unknown> = {
  registration: { origin: 'api', prestation: 'rsa' },
  login: {},
  agent_login: {},
  password_reset: {},
  contact_change: { kind: 'email', value: 'nouvelle@example.fr' },
  account_recovery: { recoveryId: 'r-1', channel: 'letter' },
  franceconnect_signup: { sub: 'sub-1', idToken: 'x', repertoireMatches: 1, nir: null, identity: { givenName: 'Marie' } },
};

describe('every kind of flow', () => {
  it.each(allFlowKinds.map((k) => [k.kind.machine.name, k] as const))(
    '%s shows its machine’s diagram in its README',
    (_name, { kind, readme }) => {
      expect(readFileSync(readme, 'utf8')).toContain(diagramBlock(kind.machine.diagram()));
    },
  );

  it('lives as long as src/flows/lives.ts says, where the retention registry reads it', () => {
    const lives = (l: { ttlMs: number; expiry: string }) => `${l.ttlMs} ${l.expiry}`;
    expect(allFlowKinds.map((k) => lives(k.kind)).sort()).toEqual(Object.values(FLOW_LIVES).map(lives).sort());
  });

  it('has a sample for the conformance suite', () => {
    expect(Object.keys(samples).sort()).toEqual(allFlowKinds.map((k) => k.kind.machine.name).sort());
  });
});

describe.each(testDatabases)('flow kinds on $name', ({ open }) => {
  for (const { kind } of allFlowKinds) {
    describe(kind.machine.name, () => flowConformance(open, { store: flowStore(kind), data: samples[kind.machine.name] }));
  }
});
