import type { Classification } from '../../intents/intent-classifier';
import type { IntentClassifier } from '../../intents/intent-classifier';
import type { TrainingCorpus } from '../../intents/training-corpus';
import { foldDanishSpelling } from '../../text/text-normalizer';
import { callsForEmergencyAnswer } from '../../bot/dialogue/safety-intents';
import type { Language } from '../../text/language';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';

// Written for these tests; none is in the training data (checked below) or taken from the evaluation files.
const EMERGENCIES: Record<Language, string[]> = {
  da: [
    'min mor har voldsomme smerter i brystet',
    'far har smerter i brystet og ud i armen',
    'jeg tror min mand har et hjerteanfald',
    'min kone kan ikke løfte den ene arm og taler mærkeligt',
    'der er en mand der er faldet om i supermarkedet',
    'min søn er faldet ned fra et træ og er bevidstløs',
    'min nabo ligger på gulvet og trækker ikke vejret',
    'min datter har spist nødder og hendes hals hæver',
    'vi har brug for en ambulance nu',
    'ring 112 for mig',
    'der er ild i køkkenet',
    'der er en der truer mig med en kniv lige nu',
    'min baby har fået feber og kramper',
    'mit barn har høj feber og lægen har lukket',
    'hvilket nummer ringer jeg til lægevagten på',
    'jeg er blevet syg i weekenden og min læge har lukket hvem ringer jeg til',
    'akut syg barn hvem ringer jeg til om natten',
    'jeg overvejer at tage livet af mig',
    'jeg har ikke lyst til at leve længere',
    'jeg vil gerne dø',
    'jeg har lyst til at gøre en ende på det hele',
    'livet giver ingen mening mere og jeg vil ikke være her',
    'jeg har slugt alle mine sovepiller',
    'jeg tænker på selvmord hver dag',
    'jeg har det så skidt at jeg vil tage mit eget liv',
    'min kæreste truer med at tage sit eget liv i aften',
    'min veninde har skrevet at hun vil begå selvmord',
    'hvad er nummeret til livslinien',
    'hvem kan jeg ringe til når jeg har selvmordstanker',
    'jeg orker ikke livet mere',
    'jeg kan ikke klare mere og vil bare sove for evigt',
    'jeg vil ikke leve laengere',
    'har tanker om at slaa mig selv ihjel',
    'selvmordstanker hjaelp',
    'jeg har skåret i mine håndled',
  ],
  en: [
    'my mum has severe chest pains',
    'my dad collapsed in the kitchen',
    'I think my husband is having a heart attack',
    'my wife cannot move one side of her face',
    'my friend is unconscious',
    'we need an ambulance right now',
    'there is a fire in the kitchen',
    'someone is threatening me with a knife',
    'what is the number for the out-of-hours doctor',
    "my baby has a high fever and the doctor's office is closed",
    'I feel like ending my life',
    "I don't see the point in living anymore",
    'I have been thinking about killing myself',
    'I swallowed a whole bottle of pills',
    'my girlfriend says she wants to die',
    'I want to end it all',
    'suicide helpline number',
    'I keep cutting myself',
  ],
};

const REFERRALS: [string, Language, string][] = [
  ['nogen har stjålet min cykel i nat', 'da', 'henvisning.politi'],
  ['der har været indbrud i vores hus mens vi sov', 'da', 'henvisning.politi'],
  ['jeg vil anmelde et indbrud i min bil', 'da', 'henvisning.politi'],
  ['someone stole my bicycle yesterday', 'en', 'henvisning.politi'],
  ['hvordan registrerer jeg mit nye firma', 'da', 'henvisning.virksomhed'],
  ['skal jeg have cvr nummer som freelance fotograf', 'da', 'henvisning.virksomhed'],
  ['how do I start my own company', 'en', 'henvisning.virksomhed'],
  ['jeg vil klage over lægen på hospitalet', 'da', 'henvisning.patientklage'],
  ['klage over behandlingen på sygehuset', 'da', 'henvisning.patientklage'],
  ['I want to file a complaint against my GP', 'en', 'henvisning.patientklage'],
  ['hvornår udbetaler a-kassen dagpenge', 'da', 'henvisning.akasse'],
  ['hvor meget får man i dagpenge om måneden', 'da', 'henvisning.akasse'],
  ['how do I sign up for an a-kasse', 'en', 'henvisning.akasse'],
  ['vi vil gerne have vores datter døbt i kirken', 'da', 'henvisning.kirke'],
  ['hvordan melder man sig ud af kirken', 'da', 'henvisning.kirke'],
  ['we would like to get married in a church', 'en', 'henvisning.kirke'],
  ['min pakke fra postnord er forsvundet', 'da', 'henvisning.postnord'],
  ['hvorfor kommer der ikke post hos mig', 'da', 'henvisning.postnord'],
  ['my parcel never arrived', 'en', 'henvisning.postnord'],
  ['jeg er bekymret for et barn i min opgang', 'da', 'underretning'],
  ['jeg tror naboens dreng bliver slået derhjemme', 'da', 'underretning'],
  ['my husband beats me and I am scared to go home', 'en', 'vold.naer'],
  ['min kæreste slår mig og jeg tør ikke gå hjem', 'da', 'vold.naer'],
];

// Ordinary questions, some about illness or the doctor, that must not get the emergency answer.
const NOT_EMERGENCIES: [string, Language][] = [
  ['jeg er syg og skal søge sygedagpenge', 'da'],
  ['hvordan skifter jeg til en ny læge', 'da'],
  ['min mor har brug for hjemmehjælp efter hun kom hjem fra hospitalet', 'da'],
  ['hvad koster et nyt sundhedskort', 'da'],
  ['jeg har brug for hjælp til at søge boligstøtte', 'da'],
  ['min far er død, hvad skal vi gøre nu', 'da'],
  ['hjælp til mitid virker ikke', 'da'],
  ['hvornår bliver min skraldespand tømt', 'da'],
  ['min søn skal starte i skole efter sommerferien', 'da'],
  ['hvad bliver vejret i weekenden', 'da'],
  ['du er fandme dum', 'da'],
  ['I need help applying for housing benefit', 'en'],
  ['my father passed away, what do we do now', 'en'],
  ['how do I change my doctor', 'en'],
  ['my health insurance card is lost', 'en'],
  ['when is the recycling centre open', 'en'],
];

function outcome(result: Classification): string {
  const { decision } = result;
  if (decision.kind === 'answer') return `answer ${decision.intent}`;
  if (decision.kind === 'clarify') return `clarify ${decision.intents.join('|')}`;
  return `fallback ${decision.reason} (top ${result.ranked[0]?.intent ?? 'none'})`;
}

describe('the trained classifier on safety and referral messages', () => {
  let classifier: IntentClassifier;
  let corpus: TrainingCorpus;

  beforeAll(async () => {
    ({ classifier, corpus } = await sharedTrainedClassifier());
  }, 180_000);

  it('tests phrasings that are not in the training data', () => {
    const trained = new Set([...corpus.da, ...corpus.en].map((e) => foldDanishSpelling(e.text).trim()));
    const all = [...EMERGENCIES.da, ...EMERGENCIES.en, ...REFERRALS.map(([text]) => text)];
    expect(all.filter((text) => trained.has(foldDanishSpelling(text).trim()))).toEqual([]);
    expect(EMERGENCIES.da.length).toBeGreaterThanOrEqual(30);
    expect(EMERGENCIES.en.length).toBeGreaterThanOrEqual(15);
  });

  it.each(['da', 'en'] as const)(
    'ends every %s emergency phrasing in the emergency answer (directly or by the dialogue rule)',
    async (language) => {
      const missed: string[] = [];
      for (const text of EMERGENCIES[language]) {
        const result = await classifier.classify(text, language);
        if (!callsForEmergencyAnswer(result)) missed.push(`${text} → ${outcome(result)}`);
      }
      expect(missed).toEqual([]);
    },
  );

  it('does not give the emergency answer to ordinary questions', async () => {
    const alarmed: string[] = [];
    for (const [text, language] of NOT_EMERGENCIES) {
      const result = await classifier.classify(text, language);
      if (callsForEmergencyAnswer(result)) alarmed.push(`${text} → ${outcome(result)}`);
    }
    expect(alarmed).toEqual([]);
  });

  it('answers referrals and the child and violence topics with the right intent', async () => {
    const wrong: string[] = [];
    for (const [text, language, intent] of REFERRALS) {
      const result = await classifier.classify(text, language);
      if (outcome(result) !== `answer ${intent}`) wrong.push(`${text} → ${outcome(result)}, expected ${intent}`);
    }
    expect(wrong).toEqual([]);
  });
});
