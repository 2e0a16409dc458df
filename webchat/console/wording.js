// @ts-check
/** Everything the console says, in Danish, in one place. */

export const T = {
  /** @type {Readonly<Record<string, string>>} */
  language: { da: 'Dansk', en: 'Engelsk' },
  /** @type {Readonly<Record<string, string>>} */
  reason: {
    asked: 'Borgeren bad om en medarbejder',
    fallbacks: 'Assistenten forstod ikke spørgsmålet',
    unhelpful: 'Borgeren fandt ikke svarene brugbare',
  },
  /** @type {Readonly<Record<string, string>>} */
  ended: {
    cancelled: 'Borgeren har forladt samtalen (lukket, slettet eller startet forfra).',
    dropped: 'Samtalen blev sendt tilbage i køen, fordi forbindelsen til dig blev afbrudt.',
    returned: 'Borgeren er givet tilbage til assistenten.',
    ended: 'Samtalen er afsluttet.',
    expired: 'Samtalen blev lukket, fordi der ikke skete noget i lang tid.',
  },
  endedOther: 'Samtalen er lukket.',
  /** @type {Readonly<Record<string, string>>} why a citizen left the queue (API.md: LeftView.reason) */
  leftBecause: {
    left: 'valgte at forlade køen',
    callback: 'bad om at blive ringet op',
    closed: 'lukkede chatten',
    'started-over': 'startede forfra',
    deleted: 'slettede samtalen',
    expired: 'samtalen udløb',
  },
  leftQueue: 'Borgeren forlod køen ($1)',
  leftMeta: '$1 · ventede $2 · kl. $3',
  leftAnnounced: 'Borgeren fra $1 forlod køen ($2).',
  endedIn: 'Samtalen med $1 er lukket: $2',
  notYours: 'Samtalen er ikke længere din.',
  noTopic: 'Intet emne',
  returnedBadge: 'Tilbageført',
  unreadBadge: 'Ny besked',
  claim: 'Tag samtalen',
  waiting: 'venter $1',
  underAMinute: 'under 1 min',
  minutes: '$1 min',
  hours: '$1 t $2 min',
  nobodyWaiting: 'Ingen venter',
  oneWaiting: '1 borger venter',
  manyWaiting: '$1 borgere venter',
  /** @type {Readonly<Record<string, string>>} */
  status: { available: 'Ledig', away: 'Væk', break: 'Pause', 'signed-out': 'Logget ud' },
  statusSet: 'Din status er nu: $1.',
  autoAway: 'Din status er sat til Væk, fordi du ikke har været aktiv i $1. Vælg Ledig, når du er tilbage.',
  oneSecond: '1 sekund',
  manySeconds: '$1 sekunder',
  notAvailableHint: 'Du tager ikke nye borgere, mens din status er $1.',
  notAvailable: 'Sæt din status til Ledig for at tage en borger.',
  colleagueLine: '$1: $2, $3',
  noColleagues: 'Ingen kolleger i dine køer.',
  oneConversation: '1 samtale',
  manyConversations: '$1 samtaler',
  oneOnDuty: '1 ledig medarbejder på vagt',
  manyOnDuty: '$1 ledige medarbejdere på vagt',
  newCitizen: 'Ny borger i kø fra $1.',
  titleFlash: '($1) Ny borger i kø',
  newMessage: 'Ny besked fra borgeren i samtalen med $1.',
  connecting: 'Forbinder …',
  connected: 'Forbundet',
  disconnected: 'Forbindelsen er afbrudt – prøver igen',
  soundOn: ': til',
  soundOff: ': fra',
  signinMissing: 'Skriv dit brugernavn og din adgangskode.',
  signinInvalid: 'Forkert brugernavn eller adgangskode.',
  signinRateLimited: 'For mange forsøg. Vent $1, og prøv igen.',
  oneMinute: '1 minut',
  manyMinutes: '$1 minutter',
  signinFailed: 'Du kunne ikke logges ind. Prøv igen om lidt.',
  unreachable: 'Der er ingen forbindelse til serveren. Prøv igen om lidt.',
  signedOutExpired: 'Du er blevet logget ud. Log ind igen.',
  signedOut: 'Du er logget ud.',
  signoutFailed: 'Du blev ikke logget ud. Prøv igen.',
  notWaiting: 'En kollega har allerede taget samtalen.',
  limitReached: 'Du har nået dit maksimum af samtidige samtaler ($1).',
  queueEmpty: 'Der er ingen borgere i køen lige nu.',
  failed: 'Det lykkedes ikke. Prøv igen om lidt.',
  notFound: 'Samtalen findes ikke længere.',
  emptyMessage: 'Skriv en besked først.',
  messageFailed: 'Beskeden blev ikke sendt. Prøv igen.',
  emptyNote: 'Skriv noten først.',
  noteSaved: 'Noten er gemt.',
  noteFailed: 'Noten blev ikke gemt. Prøv igen.',
  endedByYou: 'Du har afsluttet samtalen. Assistenten takker borgeren.',
  returnedByYou: 'Borgeren er givet tilbage til assistenten.',
  callbackDone: 'Markeret som ringet op.',
  callbackDoneButton: 'Markér som ringet op',
  noCallbackMessage: 'Ingen besked.',
  showCallbackChat: 'Vis samtalen',
  hideCallbackChat: 'Skjul samtalen',
  callbackChatGone: 'Samtalen er slettet eller udløbet.',
  callbackChatEmpty: 'Samtalen er tom.',
  phone: 'Telefon: ',
  today: 'i dag $1',
  charCount: '$1 af $2 tegn',
  /** @type {Readonly<Record<string, string>>} */
  sender: { citizen: 'Borger', assistant: 'Assistent', staff: 'Medarbejder', system: 'System' },
  staffSuffix: ' (medarbejder)',
  facts: {
    municipality: 'Kommune',
    language: 'Sprog',
    topic: 'Emne',
    reason: 'Hvorfor',
    enqueuedAt: 'I kø fra',
    claimedAt: 'Taget',
  },
  newWindow: ' (åbner i et nyt vindue)',
  roleAdmin: 'Administrator',
  roleAgent: 'Medarbejder',
  roleEditor: 'Redaktør',
  none: '–',
};

/** format('$1 af $2 tegn', 5, 2000) → "5 af 2000 tegn". */
export function format(/** @type {string} */ template, /** @type {(string | number | undefined)[]} */ ...args) {
  return template.replace(/\$(\d)/g, (_all, /** @type {string} */ n) => String(args[Number(n) - 1]));
}

/** "1 borger venter" or "3 borgere venter". */
export function plural(/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) {
  return n === 1 ? one : format(many, n);
}
