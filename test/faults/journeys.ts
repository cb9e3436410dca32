import SQLite from 'better-sqlite3';
import { nirKey } from '../../src/identity';
import type { Client } from './support';

/** Registration journeys through the JSON API, resumable from whatever state a flow is in. */
export const PASSWORD = 'Fautes2026Caf';

export interface Person {
  nir: string;
  email: string;
}

/** The i-th person: a woman born in May 1990 in Paris 14e (her NIR matches her civil status). */
export function person(i: number, tag: string): Person {
  const body = `2900575114${String(100 + i).padStart(3, '0')}`;
  return { nir: `${body}${nirKey(body)}`, email: `${tag}.${i}@exemple.fr` };
}

export type CodeReader = (email: string) => Promise<string | undefined>;

/** Runs the remaining steps of flow `id` for `p` until it is completed; returns its final state. */
export async function continueRegistration(
  c: Client,
  id: string,
  p: Person,
  readCode: CodeReader,
  between: () => Promise<void> = async () => {},
): Promise<string> {
  const base = `/api/registration/flows/${id}`;
  for (let i = 0; i < 12; i++) {
    const flow = await c.request(base);
    if (flow.status !== 200) throw new Error(`flow ${id}: ${flow.status} ${flow.text.slice(0, 200)}`);
    const state = flow.json<{ state: string }>().state;
    if (state === 'completed') return state;
    await between();
    const step = await stepFor(state, p, readCode);
    const r = await c.request(`${base}/${step.path}`, { json: step.body });
    if (r.status >= 500) throw new Error(`flow ${id} ${step.path}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  throw new Error(`flow ${id} did not complete`);
}

async function stepFor(state: string, p: Person, readCode: CodeReader): Promise<{ path: string; body: unknown }> {
  switch (state) {
    case 'civil_status':
      return {
        path: 'civil-status',
        body: {
          nir: p.nir,
          civility: 'MME',
          birthName: 'Dupont',
          givenNames: 'Marie',
          birthDate: '1990-05-15',
          birthPlaceKind: 'france',
          communeCode: '75114',
        },
      };
    case 'identity_document':
      return { path: 'identity-document', body: { documentKind: 'none' } };
    case 'contact':
      return { path: 'contact', body: { contactKind: 'email', email: p.email } };
    case 'code': {
      const code = await readCode(p.email);
      return code ? { path: 'code', body: { code } } : { path: 'code/resend', body: {} };
    }
    case 'password':
      return { path: 'password', body: { password: PASSWORD, passwordConfirmation: PASSWORD } };
    case 'review':
      return { path: 'confirm', body: {} };
    default:
      throw new Error(`unexpected state ${state}`);
  }
}

/** A new registration taken to its contact step with `contact` (the code is then sent); returns the answer of that step. */
export async function registerUpToContact(c: Client, p: Person, contact: Record<string, string>): Promise<number> {
  const base = `/api/registration/flows/${await startRegistration(c)}`;
  for (const state of ['civil_status', 'identity_document'] as const) {
    const step = await stepFor(state, p, async () => undefined);
    await c.request(`${base}/${step.path}`, { json: step.body });
  }
  return (await c.request(`${base}/contact`, { json: contact })).status;
}

/** Starts a registration; returns the flow id. */
export async function startRegistration(c: Client): Promise<string> {
  const r = await c.request('/api/registration/flows', { json: {} });
  if (r.status !== 201) throw new Error(`start: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json<{ id: string }>().id;
}

/** Logs in through the pages (password, then the code read by `readCode`); returns the final status and location. */
export async function logInPages(
  c: Client,
  identifier: string,
  email: string,
  readCode: CodeReader,
  o: { via?: Client } = {},
): Promise<{ status: number; location: string | null }> {
  const first = await c.request('/connexion', { form: { _csrf: await c.csrf('/connexion'), identifier, password: PASSWORD } });
  if (first.status !== 303) return { status: first.status, location: first.headers.get('location') };
  const second = o.via ?? c;
  const csrf = await second.csrf('/connexion/code');
  const code = await readCode(email);
  const r = await second.request('/connexion/code', { form: { _csrf: csrf, code: code ?? '000000' } });
  return { status: r.status, location: r.headers.get('location') };
}

/** Reads the latest code sent to an address from the outbox of an SQLite file (the server keeps texts outside production). */
export function sqliteCodeReader(file: string): CodeReader {
  return async (email) => {
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare('select text from outbox_messages where recipient = ? order by created_at desc, rowid desc limit 1')
        .get(email) as { text: string } | undefined;
      return /\b(\d{6})\b/.exec(row?.text ?? '')?.[1];
    } finally {
      db.close();
    }
  };
}
