import type { LightMyRequestResponse } from 'fastify';
import type { Account } from '../../src/accounts/repository';
import { actOnDemarche } from '../../src/agents/instruction';
import type { Agent } from '../../src/db/tables/agents.table';
import type { AppContext } from '../../src/context';
import { createDraft, submitDemarche, type Demarche } from '../../src/demarches/repository';
import { createTestAccount, logIn } from '../support/accounts';
import { TestBrowser, type TestApp } from '../support/app';

/** A démarche sent by `account` through the repository (its form pages are tested elsewhere). */
export async function sentDemarche(
  ctx: AppContext,
  account: Pick<Account, 'id'>,
  o: { prestation?: string; householdId?: string | null } = {},
): Promise<Demarche> {
  const now = ctx.clock.now();
  const draft = await createDraft(ctx.database.db, {
    accountId: account.id,
    prestation: o.prestation ?? 'aide-au-logement',
    householdId: o.householdId ?? null,
    now,
  });
  if (!draft) throw new Error('no draft');
  return submitDemarche(ctx.database.db, {
    id: draft.id,
    accountId: account.id,
    version: draft.version,
    ...(o.householdId !== undefined ? { householdId: o.householdId } : {}),
    now,
  });
}

/** A multipart/form-data body as a browser sends it: fields first, then the file part (if any). */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; filename: string; type?: string; bytes: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----mcboundary${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts a file to the justificatifs form of a démarche like a browser (its CSRF field first, unless told). */
export function upload(
  b: TestBrowser,
  demarcheId: string,
  file: { filename: string; bytes: Buffer; type?: string } | undefined,
  o: { csrf?: boolean; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const body = multipart(o.csrf === false ? {} : { _csrf: b.csrfToken() }, file && { name: 'fichier', ...file });
  return b.request({
    method: 'POST',
    url: `/mon-espace/demarches/${demarcheId}/justificatifs`,
    payload: body.payload,
    headers: { ...body.headers, 'sec-fetch-site': 'same-origin', ...o.headers },
  });
}

/** A person with a sent démarche on which `agent` asks for a piece (`message`); logged in. */
export async function pieceAsked(
  t: TestApp,
  agent: Agent,
  message = 'Votre dernier avis d’imposition',
): Promise<{ person: Account; d: Demarche; b: TestBrowser }> {
  const origin = { ip: null, userAgent: null };
  const person = await createTestAccount(t.ctx);
  let d = await sentDemarche(t.ctx, person);
  d = await actOnDemarche(t.ctx, { agent, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
  d = await actOnDemarche(t.ctx, { agent, demarcheId: d.id, event: 'request_documents', reason: message, version: d.version, origin });
  const b = new TestBrowser(t.app);
  await logIn(t.ctx, b, person);
  return { person, d, b };
}
