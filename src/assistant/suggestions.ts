import { loadKnowledge, type Topic } from './knowledge';
import { STEP_TOPICS, type AssistantStep } from './steps';

/**
 * The questions offered before the person types anything: the topics of their step, the step's own
 * topic first (« Je n’ai pas reçu le code » on the code page); without a step, the most asked ones.
 * Shown as links on /aide/assistant and in the widget (buttons with JavaScript).
 */
const MAX_SUGGESTIONS = 4;
const WITHOUT_STEP = ['creer-compte', 'mot-de-passe-oublie', 'code-non-recu', 'franceconnect'];

let ours: Topic[] | undefined;

export function suggestionsFor(step: AssistantStep | undefined, topics?: readonly Topic[]): Topic[] {
  if (!topics && !ours) ours = loadKnowledge();
  const from = topics ?? ours ?? [];
  const byId = new Map(from.map((t) => [t.id, t]));
  const ids = step ? [STEP_TOPICS[step], ...from.filter((t) => t.indexed && t.steps.includes(step)).map((t) => t.id)] : WITHOUT_STEP;
  return [...new Set(ids)]
    .map((id) => byId.get(id))
    .filter((t): t is Topic => !!t)
    .slice(0, MAX_SUGGESTIONS);
}
