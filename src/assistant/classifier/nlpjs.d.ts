/** The few parts of NLP.js (CommonJS, no types of its own) the assistant's classifier uses. */
declare module '@nlpjs/core' {
  export class Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): Promise<Container>;
}
declare module '@nlpjs/nlu' {
  export class NluNeural {
    constructor(settings: { container: unknown; locale: string; log?: boolean });
    settings: Record<string, unknown>;
    train(corpus: { utterance: string; intent: string }[]): Promise<unknown>;
    process(text: string): Promise<{ classifications: { intent: string; score: number }[] }>;
    prepare(text: string): Promise<Record<string, number>>;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
    textToFeatures(input: unknown): unknown;
    innerProcess(input: unknown): unknown;
    filterNonActivated(input: unknown): unknown;
    normalizeClassifications(input: unknown): unknown;
  }
}
declare module '@nlpjs/lang-fr' {
  export class LangFr {}
}
