import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageUser } from '../../http/session';
import { AppError, fieldError } from '../../errors/app-error';
import { apiRoute } from '../../http/api/route';
import { sendHtml } from '../../http/errors';
import type { AssistantAnswer } from '../../assistant/assistant';
import { mask } from '../../assistant/masking';
import { isAssistantStep, type AssistantStep } from '../../assistant/steps';
import { parseQuestion, questionSchema } from './input';
import { suggestionsFor } from '../../assistant/suggestions';
import { assistantPage, MAX_HISTORY, type AssistantPageView, type Exchange } from './views';
import { ASSISTANT_PAGE } from '../../http/views/assistant-widget';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them, the assistant too). */
export type AssistantRoutesDeps = Pick<JourneyDeps, 'assistant' | 'assistantRateLimiter' | 'config'>;

/**
 * Questions per IP and per minute, API and page together. The assistant answers from its knowledge
 * base in memory; its limit falls back on memory while the database cannot answer (ctx.assistantRateLimiter).
 */
const LIMIT = 20;
const WINDOW_MS = 60_000;

/**
 * The assistant's routes: `POST /api/chatbot` (JSON, for the widget) and the page /aide/assistant
 * (GET: the form, or a topic; POST: the answer on the page). Only the masked question is logged.
 */
export function assistantRoutes(ctx: AssistantRoutesDeps): FastifyPluginAsync {
  const assistant = ctx.assistant;
  const allowed = async (req: FastifyRequest) => (await ctx.assistantRateLimiter.hit(`assistant:ip:${req.ip}`, LIMIT, WINDOW_MS)).allowed;
  const answer = (req: FastifyRequest, question: string, step: AssistantStep | undefined, topicId?: string): AssistantAnswer => {
    // A suggestion or a choice followed: the topic's answer, with the question (its title) masked like any other.
    const chosen = topicId ? assistant.topic(topicId) : undefined;
    const a = chosen?.indexed ? { ...assistant.answerOf(chosen), maskedQuestion: mask(question).text } : assistant.ask(question, step);
    req.log.info(
      { assistant: { step, topic: a.topic, confidence: a.confidence, handover: a.handover, question: a.maskedQuestion } },
      'assistant answer',
    );
    return a;
  };

  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/chatbot',
      summary: 'Une question à l’assistant, à une étape de la création de compte',
      tags: ['Assistant'],
      documentedBody: questionSchema,
      errors: [429],
      handler: async ({ req, reply }) => {
        const q = parseQuestion(req.body);
        if (!(await allowed(req))) throw new AppError('ASSISTANT_RATE_LIMITED');
        const a = answer(req, q.question, q.step, q.topic);
        return reply.send({
          /** the question as it may be shown back and kept (in the widget's conversation): masked */
          question: a.maskedQuestion,
          answer: a.answer,
          topic: a.topic,
          confidence: a.confidence,
          sources: a.sources,
          handover: a.handover,
          others: a.others,
          choices: a.choices,
        });
      },
    });

    const view = (req: FastifyRequest, step: AssistantStep | undefined, more: Partial<AssistantPageView> = {}): AssistantPageView => ({
      csrfToken: req.csrfToken,
      user: pageUser(req),
      step,
      agencyPhone: ctx.config.agencyPhone,
      topics: assistant.topics,
      suggestions: suggestionsFor(step, assistant.topics),
      ...more,
    });

    /** The conversation the form carried (`topic|question`), each question masked again and each topic checked. */
    const historyOf = (raw: unknown): Exchange[] =>
      (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .filter((x): x is string => typeof x === 'string')
        .slice(-MAX_HISTORY)
        .flatMap((x) => {
          const cut = x.indexOf('|');
          const topic = assistant.topic(x.slice(0, cut));
          const question = mask(x.slice(cut + 1, cut + 1 + 500)).text.trim();
          return cut > 0 && topic && question ? [{ question, topic: topic.id, title: topic.title }] : [];
        });

    app.get(ASSISTANT_PAGE, async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      const step = isAssistantStep(query.etape) ? query.etape : undefined;
      const topic = typeof query.sujet === 'string' ? assistant.topic(query.sujet) : undefined;
      const shown = topic ? assistant.answerOf(topic) : undefined;
      return sendHtml(reply, assistantPage(view(req, step, shown ? { answer: shown } : {})));
    });

    app.post(ASSISTANT_PAGE, async (req, reply: FastifyReply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const step = isAssistantStep(body.etape) ? body.etape : undefined;
      const typed = typeof body.question === 'string' ? mask(body.question.slice(0, 2000)).text : undefined;
      const history = historyOf(body.historique);
      try {
        const q = parseQuestion({ question: body.question });
        if (!(await allowed(req))) throw new AppError('ASSISTANT_RATE_LIMITED', 'question');
        const a = answer(req, q.question, step);
        return sendHtml(reply, assistantPage(view(req, step, { answer: a, question: a.maskedQuestion, history })));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const errors = [fieldError('question', e.code)];
        return sendHtml(reply, assistantPage(view(req, step, { errors, history, ...(typed ? { question: typed } : {}) })), e.status);
      }
    });
  };
}
