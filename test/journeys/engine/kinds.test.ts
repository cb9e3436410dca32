import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowStore } from '../../../src/journeys/engine/store';
import { allFlowKinds } from '../../../src/journeys/kinds';
import { diagramBlock } from '../../../scripts/flow-diagrams';
import { testDatabases } from '../../support/databases';
import { flowConformance } from './conformance';

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

  it('has a sample for the conformance suite', () => {
    expect(Object.keys(samples).sort()).toEqual(allFlowKinds.map((k) => k.kind.machine.name).sort());
  });
});

describe.each(testDatabases)('flow kinds on $name', ({ open }) => {
  for (const { kind } of allFlowKinds) {
    describe(kind.machine.name, () => flowConformance(open, { store: flowStore(kind), data: samples[kind.machine.name] }));
  }
});
