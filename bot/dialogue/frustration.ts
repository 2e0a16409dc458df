import { foldDanishSpelling } from '../../text/text-normalizer';

/** What a message says about the citizen's mood, when it says something the assistant must not guess at. */
export type Frustration = 'abuse' | 'frustration';

// Patterns on folded spelling (æ → ae, ø → o, å/aa → a), so "røv" is "rov" and "hjælper" is "hjaelper".
// Whole words only: "nar" is left out because "når" folds to it, "taber" because it is also a verb.
const ABUSE = new RegExp(
  '\\b(' +
    [
      'idiot\\w*',
      'kraftidiot\\w*',
      'dum',
      'dumme',
      'dumt',
      'dummeste',
      'tosse\\w*',
      'spasser\\w*',
      'klaphat\\w*',
      'lort\\w*',
      'lorte\\w*',
      'pis',
      'pisse\\w*',
      'fuck\\w*',
      'fck',
      'shit\\w*',
      'crap',
      'stupid\\w*',
      'moron\\w*',
      'dumbass',
      'bitch\\w*',
      'asshole\\w*',
      'fanden',
      'satan',
      'helvede',
      'kraftedeme',
      'rov',
      'rovhul\\w*',
      'mogbot',
      'mogprogram',
    ].join('|') +
    ')\\b',
  'u',
);

const FRUSTRATION = new RegExp(
  [
    '\\bdu forstar (jo |da |bare |virkelig |overhovedet )?(ingenting|intet|ikke noget|ikke en skid|jo ikke|slet ikke|ikke hvad)',
    '\\bforstar du (ikke|da ikke|overhovedet)',
    '\\b(ubrugelig\\w*|elendig\\w*|hablos\\w*|latterlig\\w*|irriterende|andssvag\\w*|tabelig\\w*|pinlig\\w*)\\b',
    '\\bspild af (tid|min tid)',
    '\\b(det|du) (hjaelper|hjalper) (ikke|slet ikke|ingenting|overhovedet ikke)',
    '\\b(gider|orker) (ikke|snart ikke)\\b',
    '\\btra?e?t af (dig|det|jer|den)',
    '\\bhold (kaeft|kaft)\\b',
    '\\bsvar (nu|mig|ordentligt|dog)\\b',
    '\\btak for ingenting\\b',
    '\\b(jeg har|har jo) (allerede|lige) (spurgt|skrevet)',
    '\\b(argh+|ugh+|pff+|ffs|wtf)\\b',
    "\\byou (don'?t|do not|dont) understand",
    '\\b(not|isn.?t|is not) (helpful|helping)\\b',
    "\\b(this is|you are|you'?re|is|are|so|totally|completely) (useless|ridiculous|pointless|a joke|annoying)",
    '\\b(useless|pointless) (bot|robot|machine|chat)',
    '\\bwaste of (time|my time)',
    '\\bi give up\\b',
    "\\b(doesn'?t|does not|not) help(ing)?\\b",
  ].join('|'),
  'u',
);

/**
 * Abuse or frustration in a message ("du er dum", "du forstår ingenting", "this is useless"). The
 * dialogue answers it calmly with a person when it has no answer: a "Mente du …?" to an insult
 * reads as mockery, and an annoyed citizen needs a way out, not another guess.
 */
export function recogniseFrustration(text: string): Frustration | undefined {
  const folded = foldDanishSpelling(text);
  if (ABUSE.test(folded)) return 'abuse';
  if (FRUSTRATION.test(folded)) return 'frustration';
  return undefined;
}
