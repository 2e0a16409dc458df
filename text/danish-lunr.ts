import lunr from 'lunr';
import registerStemmerSupport from 'lunr-languages/lunr.stemmer.support';
import registerDanish from 'lunr-languages/lunr.da';

// lunr-languages must be registered exactly once, before any index is built or loaded
// (twice, and lunr warns; never, and Index.load fails with "unregistered function: trimmer-da").
registerStemmerSupport(lunr);
registerDanish(lunr);

/** lunr-languages' Danish pipeline parts (trimmer, stop words, Snowball stemmer). */
export interface PipelineParts {
  readonly trimmer: lunr.PipelineFunction;
  readonly stopWordFilter: lunr.PipelineFunction;
  readonly stemmer: lunr.PipelineFunction;
}

export const danish = (lunr as unknown as { da: PipelineParts & lunr.Builder.Plugin }).da;
export const english: PipelineParts = {
  trimmer: lunr.trimmer,
  stopWordFilter: lunr.stopWordFilter,
  stemmer: lunr.stemmer,
};
export { lunr };
