import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { questionOf } from '../../../src/assistant/focus';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Sentences of our own, none from a tuning or held-out set. */
describe('the question inside a long message', () => {
  it('keeps the clauses that ask, with the one before each, and leaves short messages whole', () => {
    const story =
      'Bonjour, alors voilà, je viens de déménager à Lyon pour un nouveau travail, mes enfants ont changé d’école, tout est en cartons, et en plus mon téléphone a été volé la semaine dernière, comment je change le numéro où arrive le code ?';
    const asked = questionOf(story)!;
    expect(asked).toContain('comment je change le numéro où arrive le code ?');
    expect(asked).not.toContain('Lyon');
    expect(questionOf('comment je change mon numéro de téléphone ?')).toBeUndefined();
    // A long message that asks nothing we can tell, or only asks, is searched whole.
    expect(questionOf(`${'je suis là depuis longtemps, '.repeat(6)}voilà`)).toBeUndefined();
  });

  it('keeps the opening clause too, where a long message often names what it is about', () => {
    const asked = questionOf(
      'Mon mot de passe ne passe plus depuis ce matin, j’ai essayé sur le téléphone et sur l’ordinateur de ma sœur, et maintenant la page me fait attendre. Je suis coincée pour de bon ?',
    )!;
    expect(asked).toContain('Mon mot de passe ne passe plus depuis ce matin');
    expect(asked).toContain('Je suis coincée pour de bon ?');
    expect(asked).not.toContain('ordinateur de ma sœur');
  });

  it('answers the question a long story ends with, and still says it is only the closest answer when the story is mostly unexplained', () => {
    const a = assistant.ask(
      'Bonjour, je vous écris de la part de toute ma famille, on a passé des semaines difficiles avec le déménagement et les cartons, les enfants malades, le travail qui reprend, bref, je voudrais savoir pourquoi je ne reçois pas le code par SMS ?',
      'code',
    );
    expect(a.topic).toBe('code-non-recu');
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.handover).toBe(true);
  });
});
