// @ts-check
/** What the parts of a municipality's profile (knowledge/municipality-profile.ts) are called in the studio. */

/** @type {readonly [string, string][]} */
export const WEEKDAYS = [
  ['monday', 'Mandag'],
  ['tuesday', 'Tirsdag'],
  ['wednesday', 'Onsdag'],
  ['thursday', 'Torsdag'],
  ['friday', 'Fredag'],
  ['saturday', 'Lørdag'],
  ['sunday', 'Søndag'],
];

/** @type {Readonly<Record<string, string>>} */
export const HOURS_NAMES = {
  openingHours: 'Åbningstider i Borgerservice',
  phoneHours: 'Telefontider',
  chatHours: 'Chattider',
};

/** The local pages every profile has (LOCAL_LINK_KEYS), by what they are about. */
/** @type {Readonly<Record<string, string>>} */
export const LINK_NAMES = {
  citizenService: 'Borgerservice',
  booking: 'Bestil tid',
  selfService: 'Selvbetjening',
  privacy: 'Privatlivspolitik',
  wedding: 'Vielse',
  elections: 'Valg',
  waste: 'Tømmekalender for affald',
  bulkyWaste: 'Storskrald',
  recycling: 'Genbrugspladser',
  building: 'Byggetilladelse',
  parking: 'Beboerparkering',
  roads: 'Fejl på vej',
  rats: 'Rotter',
  noise: 'Støj og lugt',
  daycare: 'Pladsanvisning',
  childcareFees: 'Friplads',
  school: 'Skoleindskrivning',
  afterSchool: 'SFO',
  healthVisitor: 'Sundhedspleje',
  childDental: 'Børnetandpleje',
  homeCare: 'Hjemmehjælp',
  assistiveDevices: 'Hjælpemidler',
  nursingHome: 'Plejebolig',
  rehabilitation: 'Genoptræning',
  propertyTax: 'Ejendomsskat',
  debt: 'Gæld til kommunen',
  complaints: 'Klagevejledning',
  accessToDocuments: 'Aktindsigt',
  jobcenter: 'Jobcenter',
  depositLoan: 'Beboerindskudslån',
  childConcern: 'Bekymring for et barn',
  domesticViolence: 'Vold i nære relationer',
};
