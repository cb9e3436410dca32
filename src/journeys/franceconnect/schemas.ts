import { z } from 'zod';
import { optionalText, rawText } from '../../http/api/input';
import { MAX } from '../../http/api/schemas';

/**
 * The account created with FranceConnect (src/journeys/franceconnect/signup-pages.ts): the NIR typed
 * when the répertoire did not find it, the password of an existing account. The contact and code
 * steps read the registration's schemas (ContactBody, CodeBody).
 */
export const FcIdentityForm = z.object({ nir: optionalText(30) });
export const FcExistingAccountForm = z.object({ password: rawText(MAX.password) });

/** /franceconnect/deconnexion/suite?t=… (the hand-off of a logout to FranceConnect) */
export const FcHandOffQuery = z.object({ t: optionalText(200).catch(undefined) });
