/**
 * Trains the assistant's safety classifier (src/assistant/classifier/) and writes its model:
 * `npx tsx scripts/train-assistant-classifier.ts`. Run it after changing what it learns from
 * (paraphrases.json, the knowledge base's questions, the tuning sets): a test fails while the
 * model is older than its corpus. Training takes a second or two; the server only loads the model.
 */
import { writeFileSync } from 'node:fs';
import { containerBootstrap } from '@nlpjs/core';
import { LangFr } from '@nlpjs/lang-fr';
import { NluNeural } from '@nlpjs/nlu';
import { digestOf, trainingCorpus } from '../src/assistant/classifier/corpus';

const corpus = trainingCorpus();
const container = await containerBootstrap();
container.use(LangFr);
const nlu = new NluNeural({ container, locale: 'fr', log: false });
const started = performance.now();
await nlu.train(corpus);
const file = new URL('../src/assistant/classifier/model.json', import.meta.url);
writeFileSync(file, `${JSON.stringify({ digest: digestOf(corpus), utterances: corpus.length, model: nlu.toJSON() })}\n`);
console.log(`${corpus.length} utterances, trained in ${Math.round(performance.now() - started)} ms → ${file.pathname}`);
