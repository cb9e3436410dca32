/**
 * The one assembly of the errors registry: every module's entries, registered once at start-up
 * (src/routes.ts, which every server imports, imports this file; so does the tests' setup). A
 * module that adds an `errors.ts` adds one line here. The core (src/errors/) never imports a feature.
 */
import { agentErrors } from './agents/errors';
import { attestationErrors } from './attestations/errors';
import { assistantErrors } from './assistant/errors';
import { authErrors } from './auth/errors';
import { cafMessageErrors } from './caf-messages/errors';
import { demarcheErrors } from './demarches/errors';
import { storageErrors } from './db/errors';
import { generalErrors } from './errors/general';
import { registerErrors } from './errors/registry';
import { contactVerificationErrors } from './journeys/contact-verification/errors';
import { flowErrors } from './flows/errors';
import { franceConnectFlowErrors } from './journeys/franceconnect/errors';
import { registrationErrors } from './journeys/registration/errors';
import { franceConnectErrors } from './franceconnect/errors';
import { householdErrors } from './household/errors';
import { apiErrors } from './http/api/errors';
import { nameErrors } from './identity/names';
import { recoveryErrors } from './recovery/errors';
import { justificatifErrors } from './justificatifs/errors';
import { paymentErrors } from './payments/errors';

export const appErrors = [
  generalErrors,
  flowErrors,
  registrationErrors,
  contactVerificationErrors,
  authErrors,
  franceConnectErrors,
  franceConnectFlowErrors,
  assistantErrors,
  storageErrors,
  nameErrors,
  apiErrors,
  demarcheErrors,
  agentErrors,
  justificatifErrors,
  householdErrors,
  recoveryErrors,
  cafMessageErrors,
  attestationErrors,
  paymentErrors,
] as const;

registerErrors(...appErrors);
