/** What a refused form shows once on its page (migration 0024; see src/http/form-state.ts). */
export interface FormStatesTable {
  /** SHA-256 of the browser's token (cookie `mc_form`) */
  id: string;
  /** the path of the form's page, without its query */
  page: string;
  /** the errors and answers, AES-256-GCM under a key derived from the token (base64url) */
  sealed: string;
  expires_at: number;
}
