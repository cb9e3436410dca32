/**
 * Time as the agency and the person read it: in France (Europe/Paris), whatever the server's zone.
 * The formatters are built once (an Intl.DateTimeFormat is costly to construct, cheap to use).
 */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** The agency's day (YYYY-MM-DD, in France) of an instant: ages, "today" and date rules are counted on it. */
export function agencyDay(ms: number): string {
  return DAY.format(ms);
}

/** « 30 novembre 2026 à 05:20 », in France. */
export function frenchDateTime(ms: number): string {
  return DATE_TIME.format(ms);
}

/**
 * « de novembre 2026 », « d’octobre 2026 », « d’avril 2027 », « d’août 2026 »: the preposition « de »
 * before a date in words, elided before a vowel as French writes it.
 */
export function deDate(words: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(words) ? `d’${words}` : `de ${words}`;
}
