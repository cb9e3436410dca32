// Writes each flow kind's `machine.diagram()` into its README, between the diagram markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { demarcheMachine } from '../src/demarches/machine';
import type { Machine } from '../src/flows/machine';
import { allFlowKinds } from '../src/journeys/kinds';

export const START = '<!-- diagram: generated from machine.ts by `npm run diagrams` -->';
export const END = '<!-- /diagram -->';

export function diagramBlock(diagram: string): string {
  return `${START}\n\`\`\`mermaid\n${diagram}\n\`\`\`\n${END}`;
}

/** Machines of long-lived objects (not flows), each with the README that shows its diagram. */
export const objectMachines: readonly { machine: Machine<string, string>; readme: string }[] = [
  { machine: demarcheMachine, readme: 'src/journeys/demarches/README.md' },
];

if (process.argv[1]?.endsWith('flow-diagrams.ts')) {
  for (const { machine, readme } of [...allFlowKinds.map((k) => ({ machine: k.kind.machine, readme: k.readme })), ...objectMachines]) {
    const text = readFileSync(readme, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${readme}: no diagram markers`);
    writeFileSync(readme, text.slice(0, a) + diagramBlock(machine.diagram()) + text.slice(b + END.length));
    console.log(`${readme}: ${machine.name}`);
  }
}
