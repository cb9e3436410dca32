import { z } from 'zod';
import { THREAD_SUBJECTS } from '../../db/tables/caf-messages.table';
import { MAX_BODY_CHARS } from '../../caf-messages/threads';
import { checkbox, rawText, text } from '../../http/api/input';
import { MAX_LONG_TEXT_LENGTH } from '../../http/security/input-limits';

/** « Contacter ma Caf »: the page forms and the JSON bodies and answers (one reading of each field). */
// Read up to the backstop's length, so that a long text is refused at the field by the use case (MESSAGE_TOO_LONG), kept as typed.
const message = rawText(MAX_LONG_TEXT_LENGTH).describe(
  `le texte du message, ${MAX_BODY_CHARS} caractères au plus (texte brut, jamais interprété)`,
);

export const NewMessageForm = z.object({ subject: text(20), demarche: text(40), message, share: checkbox });
export const ReplyForm = z.object({ message });

export const NewThreadBody = z.object({
  subject: text(20).describe(`l’objet : ${THREAD_SUBJECTS.join(', ')}`),
  demarcheId: text(40).describe('la démarche concernée (facultatif)'),
  message,
  share: checkbox.describe('partager l’échange avec ceux qui gèrent le dossier (faux par défaut)'),
});
export const ReplyBody = z.object({ message });

const Message = z.object({
  author: z.enum(['person', 'agent']).describe('« person » : la personne ; « agent » : la Caf'),
  body: z.string(),
  sentAt: z.string().describe('date et heure ISO 8601'),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() })),
});

export const ThreadSummaryAnswer = z.object({
  id: z.string(),
  subject: z.enum(THREAD_SUBJECTS),
  subjectLabel: z.string(),
  demarcheReference: z.string().nullable(),
  lastMessageAt: z.string(),
  own: z.boolean().describe('faux : un échange partagé par un membre du foyer (lecture seule)'),
  unread: z.number().describe('réponses de la Caf non lues'),
});
export const ThreadsAnswer = z.object({ threads: z.array(ThreadSummaryAnswer) });
export const ThreadAnswer = z.object({
  id: z.string(),
  subject: z.enum(THREAD_SUBJECTS),
  subjectLabel: z.string(),
  shared: z.boolean(),
  own: z.boolean(),
  demarcheReference: z.string().nullable(),
  messages: z.array(Message),
});
export const ThreadCreated = z.object({ id: z.string() });
