import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_SUBJECTS, demarcheNotification } from '../../src/agents/messages';
import { DEMARCHE_STATUSES, STATUS_LABELS } from '../../src/demarches/machine';
import { STATUS_TAGS } from '../../src/journeys/demarches/pages';

/**
 * A status has one name: the tag of « Mes démarches », the messages that tell a change and the
 * assistant's knowledge say the same words (src/demarches/machine.ts STATUS_LABELS).
 */
describe('the statuses of a démarche are named the same everywhere', () => {
  it('« Mes démarches » shows each status by its label', () => {
    for (const s of DEMARCHE_STATUSES) expect(String(STATUS_TAGS[s])).toContain(`>${STATUS_LABELS[s]}</strong>`);
  });

  it('the messages name a decision with the label’s words', () => {
    const to = { contact_kind: 'email' as const, contact_value: 'x@example.fr' };
    const words = { accept: 'acceptee', refuse: 'refusee', close: 'classee_sans_suite' } as const;
    for (const [event, status] of Object.entries(words) as [keyof typeof words, (typeof words)[keyof typeof words]][]) {
      const label = STATUS_LABELS[status].toLowerCase();
      expect(NOTIFICATION_SUBJECTS[event]).toContain(label);
      expect(demarcheNotification(to, { prestationTitle: 'Aide au logement', reference: 'MC-1' }, event, 'https://x').text).toContain(
        label,
      );
    }
    expect(
      demarcheNotification(to, { prestationTitle: 'Aide au logement', reference: 'MC-1' }, 'start_instruction', 'https://x').text,
    ).toContain(STATUS_LABELS.en_instruction.toLowerCase());
  });

  it('the assistant’s knowledge lists every status by its label, in guillemets', () => {
    const knowledge = readFileSync(join(import.meta.dirname, '../../src/assistant/knowledge/5-foyer.json'), 'utf8');
    for (const s of DEMARCHE_STATUSES) expect(knowledge).toContain(`« ${STATUS_LABELS[s]} »`);
  });
});
