/** The kinds of personal data removed from what citizens type, in the order they are reported. */
export const PERSONAL_DATA_KINDS = ['cpr', 'email', 'account', 'phone'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];
