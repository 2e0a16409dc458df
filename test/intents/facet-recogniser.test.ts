import { recogniseFacet } from '../../intents/facet-recogniser';
import type { AnswerFacet } from '../../knowledge/answer-facet';

// Phrasings written for this test from the catalog's facet descriptions, not taken from the eval files.
const CASES: Record<AnswerFacet, readonly string[]> = {
  cost: [
    'hvad koster det?',
    'Hvad koster et nyt sundhedskort',
    'hvad kooster det',
    'er det gratis',
    'skal jeg betale noget',
    'hvad er prisen',
    'er der et gebyr',
    'hvor meget skal jeg selv betale',
    'skal hun selv betale noget for det',
    'er der egenbetaling?',
    'how much does it cost',
    "what's the fee",
    'is it free?',
    'do I have to pay',
    'hvad er taksten for en plads',
  ],
  documents: [
    'hvad skal jeg have med',
    'skal jeg ha noget med',
    'hvad skal jeg medbringe',
    'hvilke papirer skal jeg bruge',
    'skal begge forældre skrive under',
    'skal der være samtykke fra faren',
    'skal jeg udfylde en blanket',
    'skal jeg have en lægeattest',
    'hvad skal jeg bruge til det',
    'which documents do I need',
    'what do I need to bring',
    'do both parents have to sign',
  ],
  steps: [
    'hvordan søger jeg',
    'hvordan gør jeg det',
    'hvordan gor man',
    'skal jeg selv søge eller sker det automatisk',
    'skal vi selv melde det',
    'hvad hvis jeg ikke har MitID',
    'hvad gør jeg nu',
    'how do I apply',
    'is it automatic',
    'what if I dont have MitID',
  ],
  where: [
    'hvor skal jeg henvende mig',
    'hvornår har I åbent',
    'hvad er åbningstiderne',
    'skal jeg bestille tid',
    'kan jeg bare møde op',
    'hvor foregår det',
    'where do I go',
    'can I just walk in',
    'do I need an appointment',
  ],
  duration: [
    'hvor lang tid tager det',
    'hvor lang tid tager det, når regningen skal betales',
    'hvor længe går der',
    'hvor laenge tager det',
    'hvornår får jeg svar',
    'hvad er ekspeditionstiden',
    'hvor lang er sagsbehandlingstiden',
    'kan jeg nå at få det inden jul',
    'how long does it take',
    'when will I get it',
  ],
  eligibility: [
    'kan jeg få det',
    'kan man overhovedet få det som studerende',
    'har jeg ret til det',
    'hvilke betingelser er der',
    'hvem kan få det',
    'gælder det også for børn',
    'må jeg det når jeg er 17',
    'hvornår når jeg pensionsalderen',
    'am I eligible',
    'can I get it even if I work part time',
    'who can get it',
  ],
  deadline: [
    'er der en frist',
    'hvornår skal det være gjort senest',
    'hvor hurtigt skal jeg melde det',
    'hvad er fristen',
    'hvor lang opsigelse er der',
    'hvornår skal skatten betales',
    'is there a deadline',
    'how soon do I have to do it',
  ],
};

describe('recogniseFacet', () => {
  for (const [facet, phrasings] of Object.entries(CASES)) {
    test.each(phrasings)(`"%s" asks for ${facet}`, (text) => {
      expect(recogniseFacet(text)?.facet).toBe(facet);
    });
  }

  test.each([
    'hej',
    'tak for hjælpen',
    'jeg har mistet mit pas',
    'vi skal flytte til Aarhus',
    'min far er død',
    'hello there',
    'my neighbour is noisy',
  ])('"%s" asks for no facet in particular', (text) => {
    expect(recogniseFacet(text)).toBeUndefined();
  });

  test('the rest of the message is what remains when the facet cues are taken out', () => {
    expect(recogniseFacet('Hvad koster et børnepas?')?.rest).toBe('hvad et bornepas?');
    expect(recogniseFacet('hvad koster det')?.rest).toBe('hvad det');
  });
});
