/**
 * Drives the stand-in over real HTTP, like a browser without JavaScript would (cookies included):
 * GET authorize → the chooser page → POST the choice → the library resumes the authorization →
 * back to the client. And the logout: GET end_session → its confirmation form → POST → back.
 * For tests and scripted journeys only.
 */

export type CitizenChoice = { citizenId: string } | 'cancel';

export interface SimulatedLogin {
  /** Where the provider sent the browser back (the client's redirect_uri with code/state/iss or error). */
  callbackUrl: string;
  /** The chooser page, when one was shown. */
  loginPageHtml?: string;
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`simulation : champ ${name} introuvable`);
  return match[1]
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** A minimal cookie jar over fetch, following redirects inside the provider only. */
class Visit {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly providerOrigin: string) {}

  async request(url: string, init: RequestInit = {}): Promise<{ status: number; location?: string; html: string; url: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, html: await res.text(), url, ...(location ? { location: new URL(location, url).href } : {}) };
  }

  /** Follows redirects while they stay at the provider; returns the last answer or the address outside. */
  async follow(url: string, init: RequestInit = {}): Promise<{ status: number; location?: string; html: string; url: string }> {
    let answer = await this.request(url, init);
    for (let i = 0; i < 10 && answer.location && new URL(answer.location).origin === this.providerOrigin; i++) {
      if (!answer.location.includes('/interaction/') && !answer.location.includes('/authorize')) break;
      answer = await this.request(answer.location);
    }
    return answer;
  }
}

const post = (form: URLSearchParams): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: form,
});

export async function simulateCitizenLogin(authorizeUrl: string, choice: CitizenChoice): Promise<SimulatedLogin> {
  const visit = new Visit(new URL(authorizeUrl).origin);
  const page = await visit.follow(authorizeUrl);
  if (page.location) return { callbackUrl: page.location }; // refused straight back to the client
  if (page.status !== 200 || !/\/interaction\/[^/]+$/.test(new URL(page.url).pathname)) {
    throw new Error(`simulation : authorize a répondu ${page.status}: ${page.html.slice(0, 300)}`);
  }
  const form = new URLSearchParams({
    interactionId: hiddenValue(page.html, 'interactionId'),
    csrfToken: hiddenValue(page.html, 'csrfToken'),
  });
  if (choice !== 'cancel') form.set('citizenId', choice.citizenId);
  const back = await visit.follow(`${page.url}/${choice === 'cancel' ? 'cancel' : 'login'}`, post(form));
  if (!back.location) throw new Error(`simulation : envoi du choix ${back.status}: ${back.html.slice(0, 300)}`);
  return { callbackUrl: back.location, loginPageHtml: page.html };
}

/**
 * The logout at the provider as a browser does it: its end-session page submits its confirmation
 * form by itself. Returns where the provider sends the browser back (post_logout_redirect_uri?state…).
 */
export async function simulateLogout(endSessionUrl: string): Promise<{ status: number; backUrl?: string; html: string }> {
  const visit = new Visit(new URL(endSessionUrl).origin);
  const page = await visit.request(endSessionUrl);
  if (page.location) return { status: page.status, backUrl: page.location, html: page.html };
  // With a session: the confirmation page (`renderLogoutPage`); without: the library's own self-submitting form.
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html);
  if (page.status !== 200 || !action) return { status: page.status, html: page.html };
  const form = new URLSearchParams({ xsrf: hiddenValue(page.html, 'xsrf'), logout: 'yes' });
  const done = await visit.request(new URL(action[1]!, endSessionUrl).href, post(form));
  return { status: done.status, html: done.html, ...(done.location ? { backUrl: done.location } : {}) };
}
