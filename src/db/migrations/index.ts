import type { Kysely } from 'kysely';
import type { DialectName } from '../database';
import * as m0001 from './0001_core';
import * as m0003 from './0003_login';
import * as m0004 from './0004_franceconnect';
import * as m0005 from './0005_outbox_retention';
import * as m0006 from './0006_demarches';
import * as m0007 from './0007_flows';
import * as m0007move from './0007_flows_move';
import * as m0008 from './0008_household';
import * as m0009 from './0009_demarche_requests';
import * as m0010 from './0010_agents_justificatifs';
import * as m0011 from './0011_rate_limits';
import * as m0012 from './0012_rate_limits_unlogged';
import * as m0013 from './0013_audit_event_key';
import * as m0014 from './0014_account_lifecycle';
import * as m0015 from './0015_separation_review';
import * as m0016 from './0016_account_recovery';
import * as m0017 from './0017_droits_payments';
import * as m0019 from './0019_attestations';
import * as m0020 from './0020_caf_messages';
import * as m0022 from './0022_decision_read';
import * as m0023 from './0023_taxable_resources';
import * as m0024 from './0024_form_states';

export interface Migration {
  name: string;
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Numbered, reviewed migrations, applied in this order. Never edit one that has shipped: add the next. */
export const migrations: Migration[] = [
  { name: '0001_core', up: m0001.up },
  { name: '0003_login', up: m0003.up },
  { name: '0004_franceconnect', up: m0004.up },
  { name: '0005_outbox_retention', up: m0005.up },
  { name: '0006_demarches', up: m0006.up },
  { name: '0007_flows', up: m0007.up },
  { name: '0007_flows_move', up: m0007move.up },
  { name: '0008_household', up: m0008.up },
  { name: '0009_demarche_requests', up: m0009.up },
  { name: '0010_agents_justificatifs', up: m0010.up },
  { name: '0011_rate_limits', up: m0011.up },
  { name: '0012_rate_limits_unlogged', up: m0012.up },
  { name: '0013_audit_event_key', up: m0013.up },
  { name: '0014_account_lifecycle', up: m0014.up },
  { name: '0015_separation_review', up: m0015.up },
  { name: '0016_account_recovery', up: m0016.up },
  { name: '0017_droits_payments', up: m0017.up },
  { name: '0019_attestations', up: m0019.up },
  { name: '0020_caf_messages', up: m0020.up },
  { name: '0022_decision_read', up: m0022.up },
  { name: '0023_taxable_resources', up: m0023.up },
  { name: '0024_form_states', up: m0024.up },
];
