import type { AnswerFacet } from '../knowledge/answer-facet';
import { foldDanishSpelling } from '../text/text-normalizer';

/**
 * Which part of a topic a message asks for ("hvad koster det?" → cost), whatever the topic. Word
 * cues, not a trained model: a facet is asked in a few dozen stock phrasings per language that
 * hold for every topic, and a cue list can be read, tested and corrected by anyone.
 *
 * Patterns run on the folded spelling (foldDanishSpelling: æ → ae, ø/oe → o, å/aa → a), so they
 * are written folded: "hvor laenge", "soger", "abningstid". Both languages' cues are tried, as
 * citizens mix them ("hvad er opening hours").
 */
const CUES: Readonly<Record<AnswerFacet, readonly RegExp[]>> = {
  deadline: [
    /\bfrist\w*/,
    /\bsenest\b/,
    /\bsidste (dag|dato)\b/,
    /\bhvor (hurtigt|tidligt|lang tid (for|inden)) skal\b/,
    /\binden for hvor lang tid\b/,
    /\bhvornar skal\b(?=( \w+){1,4} (senest|betales?|gores?|vaere gjort|sendes?|soges?|meldes?|indsendes?|ansoges?)\b)/,
    /\bopsigelse\w*/,
    /\bvarsel\b/,
    /\bnar jeg til\b/,
    /\bdeadline\b/,
    /\b(by|until) when\b/,
    /\bhow (soon|quickly|early) (do|must|should|have)\b/,
    /\bhow long (do|have) (i|we|you) (have|got)\b/,
    /\bnotice period\b/,
    /\btime limit\b/,
    /\bat the latest\b/,
  ],
  cost: [
    /\bko+st(er|e|ede|r)?\b/,
    /\bpris(en|er|erne|ne)?\b/,
    /\w*gebyr\w*/,
    /\bbetal(e|er|es|ing)\b/,
    /\begenbetaling\w*/,
    /\begenandel\w*/,
    /\bgratis\b/,
    /\btakst\w*/,
    /\bhvor meget (koster|skal (jeg|vi|man|han|hun) (selv )?betale)\b/,
    /\bcost(s|ing)?\b/,
    /\bprices?\b/,
    /\bfees?\b/,
    /\bhow much (is|does|do|will)\b/,
    /\bpay(ing)?\b/,
    /\bfree( of charge)?\b/,
    /\bcharge[ds]?\b/,
  ],
  duration: [
    /\bhvor lang(e)? tid\b/,
    /\bhvor laenge\b/,
    /\bhvor hurtigt\b/,
    /\bhvornar (far|er \w+ (klar|fardig)|kan (jeg|vi|man) fa|modtager|horer)\b/,
    /\bhvornar kommer (mit|min|mine|det|den|svaret|pengene|kortet|passet)\b/,
    /\bkan (jeg|vi|han|hun|man) (na|naet) at\b/,
    /\w*(ekspeditions|behandlin?g?s|vente|leverings)tid\w*/,
    /\bgar der (for|inden)\b/,
    /\bhow long\b/,
    /\bhow quickly\b/,
    /\bprocessing time\b/,
    /\bwaiting (time|list)\b/,
    /\bwhen (will|do|can) (i|we|you) (get|receive|hear)\b/,
    /\bin time\b/,
  ],
  documents: [
    /\b(tage|ta|have|ha|bringe|medbringe) (\w+ ){0,2}med\b/,
    /\bmedbring\w*/,
    /\bdokument\w*/,
    /\bpapirer(ne)?\b/,
    /\blaegeattest\w*|\blaegeerklaering\w*/,
    /\b(noget|papir\w*|erklaering\w*|attest\w*|udtalelse\w*) fra (laegen|lagen|din laege|egen laege|sygehuset)\b/,
    /\bunderskri\w*|\bskrive under\b/,
    /\bsamtykke\w*/,
    /\budfyld\w*|\bblanket\w*|\bskema\w*/,
    /\blegitimation\b|\bbilled-?id\b/,
    /\bhvad skal (jeg|vi|man|han|hun) (bruge|have|ha)\b/,
    /\bdocument(s|ation)?\b/,
    /\bbring\b/,
    /\bpaper(s|work)?\b/,
    /\bforms?\b/,
    /\bsign(ature)?\b/,
    /\bconsent\b/,
    /\bwhat do (i|we) need\b/,
    /\bdoctor'?s (note|certificate)\b|\bmedical certificate\b/,
  ],
  where: [
    /\bhvor (skal|kan) (jeg|vi|man|han|hun) (henvende|ga|mode|soge|bestille|hente|aflevere|komme)\b/,
    /\bhvor (foregar|ligger|er (i|kontoret|det))\b/,
    /\w*abningstid\w*|\babent\b|\baben\b|\blukket\b/,
    /\bmode op\b/,
    /\b(bestille|booke) (en )?tid\b|\btidsbestilling\b/,
    /\bwalk[ -]?in\b|\bbook (a |an )?(time|appointment)\b|\bappointment\b/,
    /\bopening hours\b|\bopen\b/,
    /\bwhere (do|can|is|are|should)\b/,
  ],
  eligibility: [
    /\bkan (jeg|man|vi|han|hun|de)( \w+){0,2} (fa|soge|blive)\b/,
    /\bhar (jeg|man|vi|han|hun|de) ret til\b/,
    /\bret til\b/,
    /\bbetingelse\w*/,
    /\bhvem kan\b/,
    /\bhvad skal der til\b/,
    /\bselvom\b/,
    /\bgaelder det (ogsa )?(for|hvis|nar)\b/,
    /\bma (jeg|han|hun|man|vi|de)\b/,
    /(\b|pensions|aldersgr)alder(en|sgraense)?\b|\bhvor gammel\b/,
    /\beligib\w*|\bqualify\b|\bentitled\b/,
    /\bcan (i|we|he|she|they) (get|apply|still)\b/,
    /\bwho can\b/,
    /\beven (if|though)\b/,
    /\brequirements?\b|\bconditions?\b/,
    /\b(am|are|is) (i|we|he|she|they) allowed\b/,
  ],
  steps: [
    /\bhvordan (gor|sog\w*|bestil\w*|meld\w*|ansog\w*|far|forny\w*|klag\w*|opret\w*|skriv\w*|giver|send\w*|kommer|anmeld\w*|tilmeld\w*|frameld\w*|bytter|skift\w*|start\w*|bruger)\b/,
    /\bhvad gor (jeg|vi|man)\b/,
    /\bansog\w*/,
    /\bsog(e|er)? om\b/,
    /\bskal (jeg|vi|man|han|hun) selv (soge|gore|anmelde|melde|ansoge|bestille)\b/,
    /\bautomatisk\b/,
    /\bselvbetjening\w*/,
    /\b(ikke har|uden) (et |en )?mitid\b/,
    /\bhow (do|can|should) (i|we|you) (apply|get|do|register|renew|book|report|sign up|change)\b/,
    /\bappl(y|ication)\b/,
    /\bautomatic(ally)?\b/,
    /\bwithout (a )?mitid\b|\bno mitid\b|\bdon'?t have (a )?mitid\b/,
    /\bwhat do (i|we) do\b/,
  ],
};

/** When several facets' cues match at the same place, the narrower question wins: "hvor hurtigt skal det være gjort" is a deadline. */
const PRECEDENCE: readonly AnswerFacet[] = [
  'deadline',
  'cost',
  'duration',
  'documents',
  'where',
  'eligibility',
  'steps',
];

/** Every cue once, global, for taking them out of a message (compiled here, not per message). */
const ALL_CUES: readonly RegExp[] = Object.values(CUES).flatMap((cues) =>
  cues.map((cue) => new RegExp(cue.source, 'g')),
);

export interface RecognisedFacet {
  readonly facet: AnswerFacet;
  /** The message with every facet cue removed (folded spelling): what is left says whether it names a topic. */
  readonly rest: string;
}

/**
 * The facet a message asks for, or undefined when it asks for none in particular. The cue that
 * comes first in the message wins ("hvor lang tid tager det, når pengene skal betales?" asks how
 * long); at the same place, the narrower facet (PRECEDENCE).
 */
export function recogniseFacet(text: string): RecognisedFacet | undefined {
  const folded = foldDanishSpelling(text).replace(/[’`´]/g, "'");
  let best: { facet: AnswerFacet; at: number } | undefined;
  for (const facet of PRECEDENCE) {
    for (const cue of CUES[facet]) {
      const at = folded.search(cue);
      if (at >= 0 && (best === undefined || at < best.at)) best = { facet, at };
    }
  }
  if (!best) return undefined;
  const rest = ALL_CUES.reduce((text, cue) => text.replace(cue, ' '), folded);
  return { facet: best.facet, rest: rest.replace(/\s+/g, ' ').trim() };
}
