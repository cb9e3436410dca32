// Writes each flow kind's `machine.diagram()` into its README, between the diagram markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { allFlowKinds } from '../src/journeys/kinds';

export const START = '<!-- diagram: generated from machine.ts by `npm run diagrams` -->';
export const END = '<!-- /diagram -->';

export function diagramBlock(diagram: string): string {
  return `${START}\n\`\`\`mermaid\n${diagram}\n\`\`\`\n${END}`;
}

if (process.argv[1]?.endsWith('flow-diagrams.ts')) {
  for (const { kind, readme } of allFlowKinds) {
    const text = readFileSync(readme, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${readme}: no diagram markers`);
    writeFileSync(readme, text.slice(0, a) + diagramBlock(kind.machine.diagram()) + text.slice(b + END.length));
    console.log(`${readme}: ${kind.machine.name}`);
  }
}
