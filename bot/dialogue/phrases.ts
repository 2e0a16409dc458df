import type { Language } from '../../text/language';

/**
 * Everything the assistant says that is not an intent's answer. Plain language, short sentences.
 * Placeholders are filled from the municipality profile like the answers' (a test checks they all fill).
 */
export const PHRASES = {
  da: {
    welcome:
      'Hej! Jeg er {{municipality.name}}s virtuelle assistent. Jeg er et computerprogram, ikke et menneske.\n\n' +
      'Jeg kan svare på spørgsmål om fx pas, kørekort, flytning, affald, pasning og pension.\n\n' +
      'Skriv ikke dit CPR-nummer eller andre personlige oplysninger her.\n\n' +
      'Vil du tale med en medarbejder, så skriv "medarbejder" eller ring på {{municipality.phone}}. ' +
      '[Sådan behandler vi dine oplysninger]({{links.privacy}}).',
    talkToStaff: 'Tal med en medarbejder',
    wasItHelpful: 'Hjalp svaret?',
    helpful: '👍 Ja',
    notHelpful: '👎 Nej',
    thanksForFeedback: 'Tak for din tilbagemelding.',
    sorryNotHelpful: 'Det er jeg ked af. Prøv at skrive dit spørgsmål på en anden måde, eller tal med en medarbejder.',
    offerStaffAfterUnhelpful:
      'Det er jeg ked af. Mine svar hjælper dig vist ikke. En medarbejder kan hjælpe dig videre.',
    didYouMean: 'Jeg er ikke helt sikker på, at jeg forstod dig. Mente du dette?',
    didYouMeanEither: 'Jeg er ikke helt sikker. Mente du en af disse?',
    fallbackWithGuides: 'Jeg er ikke sikker på, at jeg forstår. Måske kan en af disse vejledninger hjælpe dig:',
    fallbackNoGuides: 'Det kan jeg desværre ikke svare på. Prøv at skrive det på en anden måde, med få ord.',
    fallbackLikelyTopics: 'Det kan jeg desværre ikke svare på. Handler dit spørgsmål om et af disse emner?',
    offTopic:
      'Det kan jeg desværre ikke hjælpe med. Jeg svarer på spørgsmål til {{municipality.name}}, ' +
      'fx om pas, flytning, affald og pension.',
    calmAfterFrustration:
      'Jeg kan godt forstå, hvis du er frustreret. Jeg er et computerprogram og forstår ikke alt. ' +
      'En medarbejder kan hjælpe dig videre, eller du kan ringe på {{municipality.phone}}.',
    offerStaff:
      'Jeg kan vist ikke hjælpe dig med det her. En medarbejder kan hjælpe dig videre. ' +
      'Du kan også ringe på {{municipality.phone}}.',
    readGuide: 'Læs vejledningen',
    seeAlso: 'Se også',
    // Facets and follow-ups: {{topic}} is the topic's title.
    moreAbout: 'Mere om {{topic}}',
    facets: {
      cost: 'Pris',
      documents: 'Hvad skal jeg have med?',
      steps: 'Sådan gør du',
      where: 'Hvor og hvornår',
      duration: 'Hvor lang tid tager det?',
      eligibility: 'Hvem kan få det?',
      deadline: 'Frister',
    },
    noSeparateFacetAnswer: 'Det har jeg ikke et særskilt svar på. Her er det, jeg ved om {{topic}}:',
    alreadyAnswered: 'Det svarede jeg på lige før. Hvad vil du ellers gerne vide om {{topic}}?',
    cannotBeMorePrecise:
      'Det kan jeg ikke svare mere præcist på. En medarbejder kan hjælpe dig videre, eller du kan ringe på {{municipality.phone}}.',
    askWhichPart: 'Hvad vil du gerne vide om {{topic}}?',
    personAnswersBest:
      'Det spørgsmål kan en medarbejder svare bedst på. Vil du tale med en nu? Du kan også ringe på {{municipality.phone}}.',
    personalDataRemoved:
      'Jeg har fjernet {{found}} fra din besked for at beskytte dig. Du behøver ikke skrive personlige oplysninger her.',
    found: {
      cpr: 'et CPR-nummer',
      email: 'en e-mailadresse',
      account: 'et konto- eller kortnummer',
      phone: 'et telefonnummer',
    },
    and: 'og',
    tooLong: 'Din besked er lidt for lang til mig. Skriv dit spørgsmål kort, gerne i én eller to sætninger.',
    emptyMessage: 'Jeg fik ikke nogen tekst. Skriv dit spørgsmål med ord.',
    attachmentsDeclined: 'Jeg kan desværre ikke modtage filer eller billeder. Skriv dit spørgsmål som tekst.',
    unknownButton: 'Den knap virker ikke længere. Skriv dit spørgsmål, så hjælper jeg.',
  },
  en: {
    welcome:
      "Hi! I am {{municipality.name}}'s virtual assistant. I am a computer program, not a person.\n\n" +
      'I can answer questions about passports, driving licences, moving, waste, childcare, pensions and more.\n\n' +
      'Please do not write your CPR number or other personal details here.\n\n' +
      'To talk to a member of staff, write "staff" or call {{municipality.phone}}. ' +
      '[How we handle your data]({{links.privacy}}).',
    talkToStaff: 'Talk to a member of staff',
    wasItHelpful: 'Did this answer help?',
    helpful: '👍 Yes',
    notHelpful: '👎 No',
    thanksForFeedback: 'Thank you for your feedback.',
    sorryNotHelpful: 'I am sorry. Try asking in a different way, or talk to a member of staff.',
    offerStaffAfterUnhelpful: 'I am sorry. My answers do not seem to help you. A member of staff can help you further.',
    didYouMean: "I'm not quite sure I understood. Did you mean this?",
    didYouMeanEither: "I'm not quite sure. Did you mean one of these?",
    fallbackWithGuides: "I'm not sure I understand. One of these guides may help:",
    fallbackNoGuides: "Sorry, I can't answer that. Try asking in a different way, in a few words.",
    fallbackLikelyTopics: "Sorry, I can't answer that. Is your question about one of these topics?",
    offTopic:
      "Sorry, I can't help with that. I answer questions for {{municipality.name}}, " +
      'for example about passports, moving, waste and pensions.',
    calmAfterFrustration:
      'I understand if you are frustrated. I am a computer program and do not understand everything. ' +
      'A member of staff can help you, or you can call {{municipality.phone}}.',
    offerStaff:
      "It looks like I can't help you with this. A member of staff can help. You can also call {{municipality.phone}}.",
    readGuide: 'Read the guide',
    seeAlso: 'See also',
    moreAbout: 'More about {{topic}}',
    facets: {
      cost: 'Price',
      documents: 'What to bring',
      steps: 'How to do it',
      where: 'Where and when',
      duration: 'How long it takes',
      eligibility: 'Who can get it',
      deadline: 'Deadlines',
    },
    noSeparateFacetAnswer: "I don't have a separate answer to that. Here is what I know about {{topic}}:",
    alreadyAnswered: 'I answered that just before. What else would you like to know about {{topic}}?',
    cannotBeMorePrecise:
      "I can't answer that more precisely. A member of staff can help you, or you can call {{municipality.phone}}.",
    askWhichPart: 'What would you like to know about {{topic}}?',
    personAnswersBest:
      'A member of staff can answer that question best. Would you like to talk to one now? You can also call {{municipality.phone}}.',
    personalDataRemoved:
      'I removed {{found}} from your message to protect you. You do not need to write personal details here.',
    found: {
      cpr: 'a CPR number',
      email: 'an e-mail address',
      account: 'an account or card number',
      phone: 'a phone number',
    },
    and: 'and',
    tooLong: 'Your message is a bit too long for me. Please ask your question briefly, in one or two sentences.',
    emptyMessage: 'I did not get any text. Please write your question in words.',
    attachmentsDeclined: 'Sorry, I cannot receive files or pictures. Please write your question as text.',
    unknownButton: 'That button no longer works. Write your question and I will help.',
  },
} as const satisfies Record<Language, unknown>;

export type Phrases = (typeof PHRASES)[Language];
