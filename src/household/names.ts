import { displayName } from '../accounts/repository';
import type { HouseholdMember } from '../db/tables/household.table';

/**
 * How a member of the household is named and spoken of, ONE rule for every page: the name the
 * person uses (their usage name when their account has one, as their own « Mon espace » greets
 * them; the birth name otherwise), and words agreed with their civilité — never « il ou elle ».
 */
export type Civility = HouseholdMember['civility'];

/** « Nadia PETIT »: first given name and usage name (birth name without one). */
export const memberName = (m: Pick<HouseholdMember, 'given_names' | 'birth_name'> & { usage_name?: string | null }): string =>
  displayName({ ...m, usage_name: m.usage_name ?? null });

/** « il », « elle ». */
export const pronoun = (c: Civility): string => (c === 'MME' ? 'elle' : 'il');

/** « Il », « Elle »: at the start of a sentence. */
export const pronounAtStart = (c: Civility): string => (c === 'MME' ? 'Elle' : 'Il');

/** A word agreed with the civilité: « informé » → « informée », « rattaché » → « rattachée ». */
export const agreed = (word: string, c: Civility): string => (c === 'MME' ? `${word}e` : word);

/** « conjoint », « conjointe ». */
export const spouse = (c: Civility): string => agreed('conjoint', c);

/** « mon conjoint », « ma conjointe »: the partner as the person speaks of them (menu labels). */
export const mySpouse = (c: Civility): string => (c === 'MME' ? 'ma conjointe' : 'mon conjoint');
