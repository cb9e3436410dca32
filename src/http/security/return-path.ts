/**
 * The one function that reads a return address (`retour`, …) from a request: only a path of this
 * site comes out, else the fallback. Refused: anything not starting with a single « / »; « // » and
 * « /\ » (another host); any control character, space or backslash anywhere — browsers drop tabs and
 * new lines from URLs, so « /\t/evil.example » would become « //evil.example »; the same once
 * percent-decoded (« /%09/evil.example »); more than 200 characters.
 */
const SAFE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/;

export function safeReturnPath(p: unknown, fallback = '/mon-espace'): string {
  if (typeof p !== 'string' || p.length > 200 || !SAFE_PATH.test(p)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    return fallback;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\\s]/.test(decoded) || /^\/[/\\]/.test(decoded)) return fallback;
  return p;
}
