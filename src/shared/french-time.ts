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

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const HOUR_MINUTE = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' });

/** « 14:32 »: the time of day in France of an instant (e.g. the end of a wait, the same day). */
export function frenchTime(ms: number): string {
  return HOUR_MINUTE.format(ms);
}

/**
 * The last moment something ending at `ms` (exclusive) is valid, as a person reads « valable jusqu’au … »:
 * an end at midnight in France is the whole day before (« 31 décembre 2026 », not « 1 janvier 2027 à
 * 00:00 »); any other end keeps its time.
 */
export function frenchValidUntil(ms: number): string {
  return HOUR_MINUTE.format(ms) === '00:00' ? DATE.format(ms - 1) : DATE_TIME.format(ms);
}

/**
 * « de novembre 2026 », « d’octobre 2026 », « d’avril 2027 », « d’août 2026 »: the preposition « de »
 * before a date in words, elided before a vowel as French writes it.
 */
export function deDate(words: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(words) ? `d’${words}` : `de ${words}`;
}
