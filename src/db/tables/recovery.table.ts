/** Access recovered without the verified contact (migration 0016, src/journeys/recovery/README.md). (Conventions: src/db/schema.ts.) */
export interface AccountRecoveriesTable {
  id: string;
  account_id: string;
  /** how: a code by post, an agent at the counter, FranceConnect */
  channel: 'letter' | 'counter' | 'franceconnect';
  /** the agent who started a counter recovery */
  started_by: string | null;
  /** the new contact given at the counter (a code is sent to it); null for the others until done */
  new_contact_kind: 'email' | 'sms' | null;
  new_contact_value: string | null;
  created_at: number;
  /** a letter's code lives 30 days, a counter recovery a day */
  expires_at: number;
  completed_at: number | null;
  cancelled_at: number | null;
}

/** Devices an account signed in from: a random cookie, kept as its SHA-256 (src/recovery/devices.ts). */
export interface KnownDevicesTable {
  account_id: string;
  device_hash: string;
  first_seen_at: number;
  last_seen_at: number;
}
