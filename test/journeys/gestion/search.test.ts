import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/db/tables/agents.table';
import { actOnDemarche } from '../../../src/agents/instruction';

import { insertJustificatif } from '../../../src/justificatifs/repository';
import { createTestAccount, PASSWORD } from '../../support/accounts';
import { location, text } from '../../support/http';
import { pieceAsked, sentDemarche } from '../../justificatifs/support';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAgent, logInAgent } from './helpers';

/** The Caf side finds a démarche by its reference, sees which have pieces to examine, and its login speaks to agents. */
describe('espace gestionnaire: search by reference, pieces arrived, login words', () => {
  let t: TestApp;
  let agent: Agent;
  let b: TestBrowser;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = await createTestAgent(t.ctx);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, agent);
  });

  it('goes straight to the démarche of an exact reference, typed in any case with spaces; lists partial ones; says when none', async () => {
    const person = await createTestAccount(t.ctx, { given_names: 'Anna', birth_name: 'RECHERCHE' });
    const d = await sentDemarche(t.ctx, person);
    const other = await sentDemarche(t.ctx, person, { prestation: 'rsa' });
    const list = await b.get('/gestion/demarches');
    expect(list.body).toContain('<label class="govuk-label govuk-label--m" for="reference">Chercher par référence</label>');
    const typed = ` ${d.reference!.toLowerCase().replace(/-/, ' -')} `;
    expect(location(await b.get(`/gestion/demarches?reference=${encodeURIComponent(typed)}`))).toBe(`/gestion/demarches/${d.id}`);
    // Part of a reference: the matching ones, in the list.
    const part = await b.get(`/gestion/demarches?reference=${d.reference!.slice(-4)}`);
    expect(part.statusCode).toBe(200);
    expect(part.body).toContain(`href="/gestion/demarches/${d.id}"`);
    expect(part.body).not.toContain(`href="/gestion/demarches/${other.id}"`);
    // Nothing found: a sentence, not an empty table.
    const none = await b.get('/gestion/demarches?reference=MC-1999-AAAA-AAAA');
    expect(none.statusCode).toBe(200);
    expect(text(none.body)).toContain('Aucune démarche envoyée ne porte une référence contenant « MC-1999-AAAA-AAAA ».');
    expect(none.body).not.toContain('<table');
    // Not a reference at all: at the field.
    const bad = await b.get('/gestion/demarches?reference=%25%3B');
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('Saisissez une référence de la forme MC-2026-K3QX-9PMA (lettres, chiffres et tirets).');
  });

  it('marks the démarches with pieces arrived since the Caf’s last action, and filters them', async () => {
    const asked = await pieceAsked(t, agent);
    const quiet = await pieceAsked(t, agent);
    t.clock.advance(60_000);
    await insertJustificatif(t.ctx.database.db, {
      demarche_id: asked.d.id,
      request_id: null,
      uploaded_by: asked.person.id,
      file_name: 'avis.pdf',
      media_type: 'application/pdf',
      size_bytes: 1000,
      sha256: '0'.repeat(64),
      storage_key: 'test-key',
      created_at: t.clock.now(),
    });
    await logInAgent(t.ctx, b, agent);
    const row = (body: string, id: string) => body.slice(body.indexOf(`/gestion/demarches/${id}"`)).split('</tr>')[0]!;
    const all = await b.get('/gestion/demarches');
    expect(row(all.body, asked.d.id)).toContain('Pièces reçues');
    expect(row(all.body, quiet.d.id)).not.toContain('Pièces reçues');
    const filtered = await b.get('/gestion/demarches?pieces=recues');
    expect(filtered.body).toContain(`/gestion/demarches/${asked.d.id}"`);
    expect(filtered.body).not.toContain(`/gestion/demarches/${quiet.d.id}"`);
    expect(filtered.body).toContain('<option value="recues" selected>');
    // Once the agent acts on it, the pieces are no longer new.
    t.clock.advance(60_000);
    await actOnDemarche(t.ctx, {
      agent,
      demarcheId: asked.d.id,
      event: 'resume_instruction',
      version: asked.d.version,
      origin: { ip: null, userAgent: null },
    });
    await logInAgent(t.ctx, b, agent);
    expect((await b.get('/gestion/demarches?pieces=recues')).body).not.toContain(`/gestion/demarches/${asked.d.id}"`);
  });

  it('its login pages tell an agent to call their local support, never the allocataires’ number', async () => {
    const anonymous = new TestBrowser(t.app);
    const login = text((await anonymous.get('/gestion/connexion')).body);
    expect(login).toContain('appelez le support informatique local de votre Caf');
    expect(login).not.toContain(t.ctx.config.agencyPhone);
    await anonymous.get('/gestion/connexion');
    const r = await anonymous.post('/gestion/connexion', { login: agent.email, password: PASSWORD });
    const code = text((await anonymous.get(location(r))).body);
    expect(code).toContain('Appelez le support informatique local de votre Caf');
    expect(code).not.toContain(t.ctx.config.agencyPhone);
    expect(code).not.toMatch(/3230/);
  });
});
