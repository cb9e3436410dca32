import type { FranceConnectIdentity } from '../../franceconnect';
import type { Contact } from '../../accounts/contact';

/** What an account being created with FranceConnect has gathered so far (JSON in `flows.data`). */
export interface SignupData {
  /** FranceConnect's pairwise subject: the only key the account will be linked with */
  sub: string;
  identity: FranceConnectIdentity;
  /** kept for the logout at FranceConnect once the account is created and signed in */
  idToken: string;
  /** how many people of the répertoire match the identity (0, 1, or more) */
  repertoireMatches: number;
  /** the NIR found (exactly one match) or typed and checked */
  nir: { value: string; source: 'repertoire' | 'typed' } | null;
  /** the account that already has this NIR (password proof needed) */
  existingAccountId?: string;
  /** the contact being verified (src/journeys/contact-verification), then the account's */
  contact?: Contact;
  /** the account created or linked */
  accountId?: string;
}
