/**
 * NLP.js's spell check (`nlu.spellCheck`, @nlpjs/similarity's SpellCheck) replaces each word stem it
 * does not know by a known one at most one edit away. It finds that stem by computing the edit
 * distance to every known stem one letter shorter, as long or one letter longer: about a thousand
 * comparisons per unknown word, and with them about a third of the time NLP.js took for a message.
 *
 * Here the same corrections are looked up instead. Two words one edit apart are, letter for letter,
 * one word with a letter deleted, or share a form with one letter deleted; so every known stem is
 * filed under each of its one-deletion forms once, and a word's candidates are the stems filed
 * under its own forms. The candidates are then weighed exactly as NLP.js weighs them, in NLP.js's
 * order, so the chosen stem is the one NLP.js would choose (test/intents/nlpjs-spell-check.test.ts
 * compares the two). Other distances than 1 are left to NLP.js.
 */

/** The parts of @nlpjs/similarity's SpellCheck that NLP.js's Nlu uses and that the index reads. */
export interface NlpJsSpellCheck {
  /** Known stem → 1; a plain object, as NLP.js builds it. */
  features: Record<string, number>;
  /** Length → the known stems of that length, in the order NLP.js compares them. */
  featuresByLength: Record<number, string[] | undefined>;
  minLength: number;
  checkToken(token: string, distance: number): string;
  /** NLP.js calls it after training and import. */
  setFeatures(features: Record<string, number>): void;
}

/** The index of one set of known stems. */
interface OneEditIndex {
  /** The features object it was built from: NLP.js replaces it when it learns new stems. */
  readonly features: Record<string, number>;
  /** Known stem → its place among the stems of its length (NLP.js's comparison order). */
  readonly place: ReadonlyMap<string, number>;
  /** One-deletion form → the known stems that have it. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
}

/**
 * The spell checks inside an NLP.js `Nlp`, one per language and domain
 * (nlp.nluManager.domainManagers[language].domains[domain].spellCheck). Throws when NLP.js is not
 * built that way, so an upgrade that moves them fails the tests rather than going slow unseen.
 */
export function spellChecksOf(nlp: object): NlpJsSpellCheck[] {
  const managers = Object.values(propertyOf(propertyOf(nlp, 'nluManager'), 'domainManagers'));
  return managers.flatMap((manager) =>
    Object.values(propertyOf(manager, 'domains')).map((nlu: unknown) => {
      const spellCheck = propertyOf(nlu, 'spellCheck');
      if (!isSpellCheck(spellCheck)) throw new Error('NLP.js internals changed: nlu.spellCheck is not a SpellCheck');
      return spellCheck;
    }),
  );
}

function propertyOf(value: unknown, key: string): object {
  const property: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof property !== 'object' || property === null) throw new Error(`NLP.js internals changed: no ${key}`);
  return property;
}

function isSpellCheck(value: object): value is NlpJsSpellCheck {
  return (
    typeof Reflect.get(value, 'checkToken') === 'function' &&
    typeof Reflect.get(value, 'setFeatures') === 'function' &&
    typeof Reflect.get(value, 'features') === 'object' &&
    typeof Reflect.get(value, 'featuresByLength') === 'object' &&
    typeof Reflect.get(value, 'minLength') === 'number'
  );
}

/**
 * Makes `spellCheck` answer distance-1 checks from an index of its known stems. The index is built
 * now (some 10–20 ms, with the model, not on a citizen's message), and again whenever NLP.js gives
 * the spell check new stems.
 */
export function indexSpellCheck(spellCheck: NlpJsSpellCheck): void {
  const compare = spellCheck.checkToken.bind(spellCheck);
  let index = buildIndex(spellCheck);
  spellCheck.checkToken = (token: string, distance: number): string => {
    if (distance !== 1) return compare(token, distance);
    if (index.features !== spellCheck.features) index = buildIndex(spellCheck);
    return correctToken(token, spellCheck, index);
  };
}

function buildIndex({ features, featuresByLength }: NlpJsSpellCheck): OneEditIndex {
  const place = new Map<string, number>();
  const byDeletion = new Map<string, string[]>();
  for (const stems of Object.values(featuresByLength)) {
    stems?.forEach((stem, position) => {
      place.set(stem, position);
      for (const form of new Set(oneDeletions(stem))) {
        const filed = byDeletion.get(form);
        if (filed) filed.push(stem);
        else byDeletion.set(form, [stem]);
      }
    });
  }
  return { features, place, byDeletion };
}

/** SpellCheck.checkToken(token, 1), with the candidates looked up rather than searched for. */
function correctToken(token: string, spellCheck: NlpJsSpellCheck, index: OneEditIndex): string {
  const { features, minLength } = spellCheck;
  // The same two early answers as NLP.js, with its plain-object lookup.
  if (features[token]) return token;
  if (token.length < minLength) return token;

  const candidates = new Set<string>();
  if (index.place.has(token)) candidates.add(token);
  for (const form of index.byDeletion.get(token) ?? []) candidates.add(form); // one letter added
  for (const shorter of oneDeletions(token)) {
    if (index.place.has(shorter)) candidates.add(shorter); // one letter left out
    for (const stem of index.byDeletion.get(shorter) ?? []) {
      if (stem.length === token.length && differInAtMostOnePlace(stem, token)) candidates.add(stem); // one letter changed
    }
  }
  // NLP.js compares the stems one letter shorter first, then as long, then longer, each length in its
  // own order, and keeps the first best unless a later one is as near and closer in length.
  const ordered = [...candidates].sort(
    (a, b) => a.length - b.length || (index.place.get(a) as number) - (index.place.get(b) as number),
  );
  let best: string | undefined;
  let distanceBest = Infinity;
  for (const candidate of ordered) {
    const similar = candidate === token ? 0 : 1;
    if (similar < distanceBest) {
      best = candidate;
      distanceBest = similar;
    } else if (similar === distanceBest && best) {
      const la = Math.abs(best.length - token.length);
      const lb = Math.abs(candidate.length - token.length);
      if (la > lb || (la === lb && (features[candidate] as number) > (features[best] as number))) best = candidate;
    }
  }
  return best || token;
}

/** The word with each one of its UTF-16 code units left out (NLP.js measures distance in code units). */
function oneDeletions(word: string): string[] {
  const forms: string[] = [];
  for (let i = 0; i < word.length; i += 1) forms.push(word.slice(0, i) + word.slice(i + 1));
  return forms;
}

/** For two strings of equal length: true when at most one code unit differs. */
function differInAtMostOnePlace(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      differences += 1;
      if (differences > 1) return false;
    }
  }
  return true;
}
