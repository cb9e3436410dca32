/**
 * Drives the stand-in's login page over real HTTP, like a browser without JavaScript would:
 * GET authorize → 303 to the interaction page → read the form → POST the choice → 303 to the client.
 * For tests and scripted journeys only.
 */

export type CitizenChoice = { citizenId: string } | 'cancel';

export interface SimulatedLogin {
  /** Where the provider sent the browser back (the client's redirect_uri with code/state or error). */
  callbackUrl: string;
  /** The interaction page, when one was shown. */
  loginPageHtml?: string;
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`simulateCitizenLogin: champ ${name} introuvable`);
  return match[1]
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

export async function simulateCitizenLogin(authorizeUrl: string, choice: CitizenChoice): Promise<SimulatedLogin> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = first.headers.get('location');
  if (first.status !== 303 || !location) {
    throw new Error(`simulateCitizenLogin: authorize a répondu ${first.status}: ${(await first.text()).slice(0, 300)}`);
  }
  const interactionUrl = new URL(location, authorizeUrl);
  if (!/\/interaction\/[^/]+$/.test(interactionUrl.pathname)) {
    // The provider answered with an error redirect straight to the client.
    return { callbackUrl: interactionUrl.href };
  }
  const page = await fetch(interactionUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`simulateCitizenLogin: page de connexion ${page.status}`);
  const action = choice === 'cancel' ? 'cancel' : 'login';
  const form = new URLSearchParams({
    interactionId: hiddenValue(html, 'interactionId'),
    csrfToken: hiddenValue(html, 'csrfToken'),
  });
  if (choice !== 'cancel') form.set('citizenId', choice.citizenId);
  const posted = await fetch(new URL(`${interactionUrl.pathname}/${action}`, interactionUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const back = posted.headers.get('location');
  if (posted.status !== 303 || !back) {
    throw new Error(`simulateCitizenLogin: envoi du choix ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
  }
  return { callbackUrl: new URL(back, interactionUrl).href, loginPageHtml: html };
}
