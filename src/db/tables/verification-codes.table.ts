/** One-time codes (HMAC only), see src/auth/verification-codes.ts. (Conventions: src/db/schema.ts.) */
export interface VerificationCodesTable {
  id: string;
  purpose:
    | 'registration_contact'
    | 'login'
    | 'password_reset'
    | 'contact_change'
    | 'agent_login'
    // access recovered without the contact (src/recovery): the code by post, the code of a counter recovery, a new contact's code
    | 'recovery_letter'
    | 'recovery_counter'
    | 'recovery_contact'
    // closing the online account (src/accounts): the code to the verified contact
    | 'account_closing'
    // a new bank account for the dossier (src/journeys/household/bank-change.ts): the code to the verified contact
    | 'bank_account_change';
  /** what the code belongs to: a registration flow id or an account id */
  subject_id: string;
  destination: string;
  code_hmac: string;
  attempts: number;
  max_attempts: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}
