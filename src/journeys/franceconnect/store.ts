import type { Flow } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { franceConnectSignupFlow } from '../kinds';
import type { SignupData } from './data';
import type { SignupStep } from './machine';

/**
 * Server-side state of FranceConnect journeys: the transactions between our redirect and
 * FranceConnect's return are kept below the journeys (src/flows/franceconnect-transactions.ts).
 */

// ---------------------------------------------------------------------------------------------
// Signups: an account being created with FranceConnect — a flow of the flow engine (kind
// `franceconnect_signup`, an hour sliding: src/journeys/kinds.ts; its states: ./machine.ts).

export type { SignupData } from './data';

/** A signup as the use cases and pages see it. */
export type Signup = Flow<SignupStep, SignupData>;
export type { SignupStep };

export const signups = flowStore(franceConnectSignupFlow);
export const SIGNUP_TTL_MS = franceConnectSignupFlow.ttlMs;
