import { ANSWER_FACETS } from './answer-facet';
import { linkAdvice } from './link-advice';
import type { KnowledgeBase } from './load-knowledge-base';
import { LIX_HARD, readability, SENTENCE_MAX } from './plain-language';
import type { Language } from '../text/language';

export interface PlainLanguageFinding {
  /**
   * "pas.bestil/answer/da", "pas.bestil/cost/en", "pas.bestil/link 2/da"; a municipality's own
   * answer (local-answers.ts) is prefixed with its id: "havbakke: affald.storskrald/where/da".
   */
  readonly where: string;
  readonly advice: string;
}

export interface PlainLanguageReport {
  readonly texts: number;
  /** How many answers and facets fall in each LIX band. */
  readonly bands: Readonly<Record<'let' | 'middel' | 'svaer', number>>;
  readonly findings: readonly PlainLanguageFinding[];
}

const LANGUAGES: readonly Language[] = ['da', 'en'];

/**
 * The klarsprog check over a whole knowledge base, municipalities' own answers included, for `npm run check:knowledge`: advice, not
 * errors, because a hard word is sometimes the right one ("forældremyndighed").
 */
export function plainLanguageReport(knowledge: KnowledgeBase): PlainLanguageReport {
  const bands = { let: 0, middel: 0, svaer: 0 };
  const findings: PlainLanguageFinding[] = [];
  for (const intent of knowledge.intents.values()) {
    for (const language of LANGUAGES) {
      const texts: [string, string][] = [[`${intent.id}/answer/${language}`, intent.answer[language]]];
      for (const facet of ANSWER_FACETS) {
        const text = intent.facets[facet]?.[language];
        if (text !== undefined) texts.push([`${intent.id}/${facet}/${language}`, text]);
      }
      for (const profile of knowledge.municipalities.values()) {
        const local = profile.answers[intent.id];
        if (!local) continue;
        if (local.answer) texts.push([`${profile.id}: ${intent.id}/answer/${language}`, local.answer[language]]);
        for (const facet of ANSWER_FACETS) {
          const text = local.facets[facet]?.[language];
          if (text !== undefined) texts.push([`${profile.id}: ${intent.id}/${facet}/${language}`, text]);
        }
      }
      for (const [where, text] of texts) {
        const result = readability(text);
        bands[result.band] += 1;
        if (result.lix >= LIX_HARD) findings.push({ where, advice: `LIX ${result.lix}: svær at læse for mange` });
        for (const sentence of result.tooLong)
          findings.push({ where, advice: `sætning over ${SENTENCE_MAX} ord: "${sentence}"` });
      }
      intent.links.forEach((link, index) => {
        for (const advice of linkAdvice(link[language]))
          findings.push({ where: `${intent.id}/link ${index + 1}/${language}`, advice });
      });
    }
  }
  return { texts: bands.let + bands.middel + bands.svaer, bands, findings };
}
