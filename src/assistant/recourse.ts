import { fold } from './analyser';

/**
 * Contesting a decision goes somewhere else for some prestations: the RSA to the département, the AAH and the AEEH
 * to the MDPH; the others to the Caf. A message that asks how to contest and names one of them anywhere (« RSA
 * refusé. Je peux contester ? ») is answered with that prestation's way, not the general one (which also names the
 * Caf's commission, wrong for them).
 */
export const GENERAL_RECOURSE = 'contester-decision';

const SPECIFIC: readonly { topic: string; names: RegExp }[] = [
  { topic: 'contester-rsa', names: /\brsa\b|\brevenu de solidarite\b/ },
  { topic: 'contester-handicap', names: /\b(?:aah|aeeh|mdph|cdaph)\b|\bhandicap/ },
];

/** The topic of contesting a decision about the prestation the message names, if it names one such. */
export function specificRecourse(text: string): string | undefined {
  const folded = fold(text);
  const named = SPECIFIC.filter((s) => s.names.test(folded));
  return named.length === 1 ? named[0]!.topic : undefined;
}

/** Whether a topic is a specific way of contesting (the general one is then not answered beside it). */
export const isSpecificRecourse = (id: string): boolean => SPECIFIC.some((s) => s.topic === id);
