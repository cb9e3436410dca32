/**
 * Trains the assistant's two classifiers and writes their models: the safety classifier
 * (src/assistant/classifier/) and the topic classifier (src/assistant/topics/):
 * `npx tsx scripts/train-assistant-classifier.ts`. Run it after changing what they learn from
 * (the paraphrases, the knowledge base, the tuning sets): a test fails while a model is older than
 * its corpus. Training takes a few seconds; the server only loads the models.
 */
import { writeFileSync } from 'node:fs';
import { containerBootstrap } from '@nlpjs/core';
import { LangFr } from '@nlpjs/lang-fr';
import { NluNeural } from '@nlpjs/nlu';
import { digestOf, trainingCorpus } from '../src/assistant/classifier/corpus';
import { TOPIC_TRAINING, topicCorpus, topicDigest } from '../src/assistant/topics/corpus';
import { train as trainLinear } from '../src/assistant/topics/linear';

async function train(corpus: { utterance: string; intent: string }[], digest: string, path: string): Promise<void> {
  const container = await containerBootstrap();
  container.use(LangFr);
  const nlu = new NluNeural({ container, locale: 'fr', log: false });
  const started = performance.now();
  await nlu.train(corpus);
  const file = new URL(path, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ digest, utterances: corpus.length, model: nlu.toJSON() })}\n`);
  console.log(`${corpus.length} utterances, trained in ${Math.round(performance.now() - started)} ms → ${file.pathname}`);
}

const safety = trainingCorpus();
await train(safety, digestOf(safety), '../src/assistant/classifier/model.json');
const topics = topicCorpus();
const started = performance.now();
const file = new URL('../src/assistant/topics/model.json', import.meta.url);
writeFileSync(
  file,
  `${JSON.stringify({ digest: topicDigest(topics), utterances: topics.length, model: trainLinear(topics, TOPIC_TRAINING) })}\n`,
);
console.log(`${topics.length} utterances, trained in ${Math.round(performance.now() - started)} ms → ${file.pathname}`);
