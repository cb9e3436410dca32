import { STATUS_LABELS } from '../demarches/machine';
import { fold } from './analyser';

/**
 * A question about what a démarche's status means (« c'est marqué traitée, ça veut dire quoi ? »): the statuses
 * « Mes démarches » shows (src/demarches/machine.ts), and « traitée », which people say of a decided one. « Envoyée »
 * counts only beside a request or a status: a code is « envoyé » too.
 */
export const STATUS_TOPIC = 'suivre-demarches';

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const labels = Object.values(STATUS_LABELS).map(fold);
const SURE = new RegExp(`\\b(${[...labels.filter((l) => l !== 'envoyee'), 'traitee', 'en instruction'].map(literal).join('|')})\\b`);
const SENT = /\benvoyee\b/;
const OF_A_REQUEST = /\b(demandes?|statuts?|dossiers?|demarches?)\b/;
const MEANING =
  /\b(veu[tx]?\s+dire?|signifie|signification|sens|c'?est\s+quoi|c\s+(koi|quoi)|qu'?est[- ]ce\s+que\s+(ca|c'?est)|comprends?\s+pas|ca\s+dit\s+quoi)\b/;

export function asksStatusMeaning(text: string): boolean {
  const t = fold(text);
  if (!MEANING.test(t)) return false;
  return SURE.test(t) || (SENT.test(t) && OF_A_REQUEST.test(t));
}
