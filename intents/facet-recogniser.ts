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
    /\bhvornar skal (\w+ ){1,4}(senest|betales|gores|vaere gjort|sendes|soges|meldes|indsendes)\b/,
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
    /\bhvornar (far|kommer|er \w+ (klar|fardig)|kan (jeg|vi|man) fa|modtager|horer)\b/,
    /\bkan (jeg|vi|han|hun|man) (na|naet) at\b/,
    /\w*(ekspeditions|behandlings|vente|leverings)tid\w*/,
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
    /\bpapir(er|erne)?\b/,
    /\blaegeattest\w*|\blaegeerklaering\w*/,
    /\bunderskri\w*|\bskrive under\b/,
    /\bsamtykke\w*/,
    /\budfyld\w*|\bblanket\w*|\bskema\w*/,
    /\blegitimation\b|\bbilled-?id\b/,
    /\bhvad skal (jeg|vi|man|han|hun) (bruge|have|ha)\b/,
    /\bhvilke oplysninger\b/,
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
    /\bkan (jeg|man|vi|han|hun|de) (overhovedet |ogsa |stadig |godt )?(fa|soge|blive)\b/,
    /\bhar (jeg|man|vi|han|hun|de) ret til\b/,
    /\bret til\b/,
    /\bbetingelse\w*/,
    /\bhvem kan\b/,
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
    /\bhvordan (gor|soger|bestiller|melder|ansoger|far|fornyer|klager|opretter|skriver|giver|sender|kommer|anmelder|tilmelder|framelder|bytter|skifter|starter|bruger)\b/,
    /\bhvad gor (jeg|vi|man)\b/,
    /\bansog\w*/,
    /\bsog(e|er)? om\b/,
    /\bskal (jeg|vi|man|han|hun) selv\b/,
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

/** When several facets' cues match, the narrower question wins: "hvor hurtigt skal det være gjort" is a deadline. */
const PRECEDENCE: readonly AnswerFacet[] = [
  'deadline',
  'cost',
  'duration',
  'documents',
  'where',
  'eligibility',
  'steps',
];

export interface RecognisedFacet {
  readonly facet: AnswerFacet;
  /** The message with every facet cue removed (folded spelling): what is left says whether it names a topic. */
  readonly rest: string;
}

/** The facet a message asks for, or undefined when it asks for none in particular. */
export function recogniseFacet(text: string): RecognisedFacet | undefined {
  const folded = foldDanishSpelling(text).replace(/[’`´]/g, "'");
  const facet = PRECEDENCE.find((candidate) => CUES[candidate].some((cue) => cue.test(folded)));
  if (!facet) return undefined;
  let rest = folded;
  for (const cues of Object.values(CUES)) for (const cue of cues) rest = rest.replace(new RegExp(cue.source, 'g'), ' ');
  return { facet, rest: rest.replace(/\s+/g, ' ').trim() };
}
