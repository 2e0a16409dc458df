import type { Language } from '../../text/language';

/**
 * What the assistant says about the staffed queue, the callback offer and the human conversation.
 * Filled like PHRASES ({{municipality.phone}} from the profile); {{position}}, {{minutes}}, {{next}},
 * {{agent}}, {{phoneEnd}} and {{retention}} are filled by handoff-conversation.ts. The whole phone
 * number is never in a reply: replies are stored in the transcript, the number only in the callback request.
 */
export const HANDOFF_PHRASES = {
  da: {
    whatHappensNext:
      'Jeg sætter dig i kø til en medarbejder. Medarbejderen kan se vores samtale, så du behøver ikke at gentage dig selv. ' +
      'Du kan skrive dit spørgsmål, mens du venter.',
    position: 'Du er nummer {{position}} i køen.',
    waitAbout: 'Forventet ventetid: ca. {{minutes}} minutter.',
    waitAboutOne: 'Forventet ventetid: ca. 1 minut.',
    waitLong: 'Forventet ventetid: mere end en time.',
    waitUnknown: 'Lige nu er ingen medarbejdere logget på chatten, så jeg kan ikke sige, hvor længe du skal vente.',
    leaveQueue: 'Forlad køen',
    stillWaiting: 'Du er stadig i køen. Medarbejderen kan læse det, du skriver her.',
    leftQueue: 'Du har forladt køen. Du skriver nu med mig, assistenten, igen.',
    notWaiting: 'Du er ikke i kø lige nu. Skriv dit spørgsmål, så hjælper jeg.',
    goneFromQueue:
      'Du er ikke længere i køen, fordi chatten var lukket i et stykke tid. ' +
      'Vil du stadig tale med en medarbejder, så stil dig i kø igen.',
    closed: 'Der er ingen medarbejdere på chatten lige nu. De er tilbage {{next}}.',
    closedNoNext: 'Der er ingen medarbejdere på chatten lige nu.',
    unavailable:
      'Det er ikke muligt at komme i kontakt med en medarbejder lige nu. Prøv igen om lidt, ' +
      'eller ring på {{municipality.phone}} i telefontiden:\n\n{{municipality.phoneHours}}',
    closedOptions:
      'Du kan ringe på {{municipality.phone}} i telefontiden:\n\n{{municipality.phoneHours}}\n\n' +
      'Du kan også finde svar selv på [kommunens selvbetjening]({{links.selfService}}) eller [borger.dk](https://www.borger.dk). ' +
      'Eller du kan bede om at blive ringet op.',
    callMeBack: 'Bliv ringet op',
    keepWaiting: 'Bliv i køen',
    stayingInQueue: 'Godt. Du bliver i køen.',
    longWait:
      'Beklager, at du skal vente. Du kan blive i køen, ringe på {{municipality.phone}} eller bede om at blive ringet op.',
    callbackConsent:
      'For at ringe dig op skal vi bruge dit telefonnummer og et par ord om, hvad det drejer sig om. ' +
      'Vi bruger det kun til at ringe dig op og sletter det senest efter {{retention}}. Er det i orden?',
    consentYes: 'Ja, det er i orden',
    consentNo: 'Nej tak',
    callbackAsk: 'Skriv dit telefonnummer og kort, hvad det drejer sig om. Skriv ikke dit CPR-nummer.',
    callbackAskTopic: 'Tak. Hvad drejer det sig om? Skriv det kort.',
    callbackAskPhone: 'Tak. Hvilket nummer kan vi ringe til? Skriv et telefonnummer med 8 cifre, fx 12 34 56 78.',
    cancelCallback: 'Fortryd',
    callbackSaved:
      'Tak. En medarbejder ringer dig op på nummeret, der slutter på {{phoneEnd}}, så hurtigt som muligt i telefontiden. ' +
      'Skriv bare, hvis jeg kan hjælpe med andet imens.',
    callbackDeclined: 'Helt i orden. Jeg har ikke gemt noget. Skriv bare, hvis jeg kan hjælpe med andet.',
    agentJoined: '{{agent}} (medarbejder) har overtaget samtalen. Du skriver nu med et menneske.',
    agentDropped:
      'Medarbejderen mistede forbindelsen. Du er tilbage forrest i køen, og en anden medarbejder tager over.',
    ended: 'Medarbejderen har afsluttet samtalen. Tak, fordi du skrev. Nu skriver du med mig, assistenten, igen.',
    returned: 'Medarbejderen har sendt dig tilbage til mig, assistenten. Skriv bare dit spørgsmål.',
    satisfactionQuestion: 'Fik du den hjælp, du havde brug for?',
    satisfactionYes: 'Ja',
    satisfactionPartly: 'Delvist',
    satisfactionNo: 'Nej',
    thanksForRating: 'Tak for dit svar. Det hjælper os med at blive bedre.',
    hours: '{{count}} timer',
    days: '{{count}} dage',
  },
  en: {
    whatHappensNext:
      'I am putting you in the queue for a member of staff. They can see our conversation, so you do not need to repeat yourself. ' +
      'You can write your question while you wait.',
    position: 'You are number {{position}} in the queue.',
    waitAbout: 'Expected wait: about {{minutes}} minutes.',
    waitAboutOne: 'Expected wait: about 1 minute.',
    waitLong: 'Expected wait: more than an hour.',
    waitUnknown: 'No member of staff is signed in to the chat right now, so I cannot say how long you will wait.',
    leaveQueue: 'Leave the queue',
    stillWaiting: 'You are still in the queue. The member of staff can read what you write here.',
    leftQueue: 'You have left the queue. You are now chatting with me, the assistant, again.',
    notWaiting: 'You are not in the queue right now. Write your question and I will help.',
    goneFromQueue:
      'You are no longer in the queue, because the chat was closed for a while. ' +
      'If you still want to talk to a member of staff, join the queue again.',
    closed: 'No member of staff is on the chat right now. They are back {{next}}.',
    closedNoNext: 'No member of staff is on the chat right now.',
    unavailable:
      'It is not possible to reach a member of staff right now. Please try again in a moment, ' +
      'or call {{municipality.phone}} during these hours:\n\n{{municipality.phoneHours}}',
    closedOptions:
      'You can call {{municipality.phone}} during these hours:\n\n{{municipality.phoneHours}}\n\n' +
      'You can also find answers yourself on [the self-service pages]({{links.selfService}}) or [lifeindenmark.dk](https://lifeindenmark.borger.dk). ' +
      'Or you can ask us to call you back.',
    callMeBack: 'Call me back',
    keepWaiting: 'Stay in the queue',
    stayingInQueue: 'Fine. You stay in the queue.',
    longWait: 'Sorry for the wait. You can stay in the queue, call {{municipality.phone}} or ask us to call you back.',
    callbackConsent:
      'To call you back we need your phone number and a few words about what it is about. ' +
      'We only use them to call you back and delete them after {{retention}} at the latest. Is that all right?',
    consentYes: 'Yes, that is all right',
    consentNo: 'No, thank you',
    callbackAsk: 'Write your phone number and briefly what it is about. Please do not write your CPR number.',
    callbackAskTopic: 'Thank you. What is it about? Please write it briefly.',
    callbackAskPhone: 'Thank you. Which number can we call? Write a phone number with 8 digits, e.g. 12 34 56 78.',
    cancelCallback: 'Cancel',
    callbackSaved:
      'Thank you. A member of staff will call you on the number ending in {{phoneEnd}} as soon as possible during phone hours. ' +
      'Write if I can help with anything else meanwhile.',
    callbackDeclined: 'That is fine. I have not saved anything. Write if I can help with anything else.',
    agentJoined: '{{agent}} (member of staff) has taken over the conversation. You are now chatting with a person.',
    agentDropped:
      'The member of staff lost their connection. You are back at the front of the queue, and someone else will take over.',
    ended:
      'The member of staff has ended the conversation. Thank you for writing. You are now chatting with me, the assistant, again.',
    returned: 'The member of staff has passed you back to me, the assistant. Just write your question.',
    satisfactionQuestion: 'Did you get the help you needed?',
    satisfactionYes: 'Yes',
    satisfactionPartly: 'Partly',
    satisfactionNo: 'No',
    thanksForRating: 'Thank you for your answer. It helps us improve.',
    hours: '{{count}} hours',
    days: '{{count}} days',
  },
} as const satisfies Record<Language, unknown>;
