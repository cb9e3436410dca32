import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagramBlock, objectMachines } from '../../scripts/flow-diagrams';
import { DEMARCHE_EVENTS, DEMARCHE_STATUSES, demarcheMachine } from '../../src/demarches/machine';

/** Every `from --> to: event` of the machine, read from its definition (not from `diagram()`). */
function demarcheTransitions(): string[] {
  const lines: string[] = [];
  for (const from of DEMARCHE_STATUSES)
    for (const event of DEMARCHE_EVENTS)
      if (demarcheMachine.can(from, event)) lines.push(`${from} --> ${demarcheMachine.next(from, event)}: ${event}`);
  return lines;
}

describe('the diagrams of long-lived objects in the journeys’ READMEs', () => {
  it.each(objectMachines.map((m) => [m.machine.name, m] as const))(
    '%s: its README shows the generated diagram',
    (_name, { machine, readme }) => {
      expect(readFileSync(readme, 'utf8')).toContain(diagramBlock(machine.diagram()));
    },
  );

  it('the démarches README lists every transition of the machine, and only those', () => {
    const readme = readFileSync('src/journeys/demarches/README.md', 'utf8');
    const shown = [...readme.matchAll(/^ {4}(\w+ --> \w+: \w+)$/gm)].map((m) => m[1]);
    const expected = demarcheTransitions();
    // every event is reachable from some status, so none can be forgotten by the loop above
    expect(new Set(expected.map((t) => t.split(': ')[1]))).toEqual(new Set(DEMARCHE_EVENTS));
    expect(shown.sort()).toEqual(expected.sort());
  });
});
