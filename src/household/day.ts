/** The agency's day (YYYY-MM-DD, in France) of an instant: ages and "today" are counted on it. */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

export function agencyDay(ms: number): string {
  return DAY.format(ms);
}
