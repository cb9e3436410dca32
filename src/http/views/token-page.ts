import { randomBytes } from 'node:crypto';

/**
 * A form page that is the same for every visitor but for its CSRF token (« Se connecter » as it
 * first appears): rendered once, with a placeholder where the token goes, and kept as UTF-8 bytes;
 * each request then only puts its own token in — no template runs, no value is escaped or encoded
 * again. The page is still personal (it holds the browser's token): `no-store`, as every form.
 */
export class TokenPage {
  /** Nothing a page could show: random, and never produced by escaping. */
  private static readonly PLACEHOLDER = `csrf-${randomBytes(16).toString('hex')}`;
  private parts: Buffer[] | undefined;

  constructor(private readonly render: (csrfToken: string) => { toString(): string }) {}

  html(csrfToken: string): Buffer {
    this.parts ??= this.render(TokenPage.PLACEHOLDER)
      .toString()
      .split(TokenPage.PLACEHOLDER)
      .map((part) => Buffer.from(part));
    const token = Buffer.from(csrfToken);
    const pieces: Buffer[] = [this.parts[0]!];
    for (let i = 1; i < this.parts.length; i++) pieces.push(token, this.parts[i]!);
    return Buffer.concat(pieces);
  }
}
