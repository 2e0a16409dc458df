// NLP.js 4 ships no TypeScript types. These declare only the surface this project uses.

declare module '@nlpjs/core' {
  export interface NlpContainer {
    use(plugin: unknown): void;
    register(name: string, instance: unknown, isSingleton?: boolean): void;
  }
  export function containerBootstrap(): NlpContainer;
}

declare module '@nlpjs/nlp' {
  import type { NlpContainer } from '@nlpjs/core';

  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpProcessResult {
    locale: string;
    utterance: string;
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  export interface NlpSettings {
    container?: NlpContainer;
    languages?: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    threshold?: number;
    calculateSentiment?: boolean;
    nlu?: { log?: boolean; spellCheck?: boolean; spellCheckDistance?: number; useNoneFeature?: boolean };
  }
  export class Nlp {
    constructor(settings?: NlpSettings);
    settings: NlpSettings;
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
  export class StemmerEn {
    stemWord(word: string): string;
  }
}

declare module '@nlpjs/lang-da' {
  export const LangDa: unknown;
  export class StemmerDa {
    stemWord(word: string): string;
  }
}

declare module 'lunr-languages/lunr.stemmer.support' {
  function register(lunr: unknown): void;
  export = register;
}
declare module 'lunr-languages/lunr.da' {
  function register(lunr: unknown): void;
  export = register;
}
