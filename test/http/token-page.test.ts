import { describe, expect, it } from 'vitest';
import { html } from '../../src/http/views/html';
import { TokenPage } from '../../src/http/views/token-page';

describe('TokenPage', () => {
  it('renders once, then puts each request’s token wherever the page holds it', () => {
    let renders = 0;
    const page = new TokenPage((token) => {
      renders++;
      return html`<form><input type="hidden" name="_csrf" value="${token}"></form><form><input name="_csrf" value="${token}"></form>`;
    });
    expect(page.html('AAA').toString()).toBe(
      '<form><input type="hidden" name="_csrf" value="AAA"></form><form><input name="_csrf" value="AAA"></form>',
    );
    expect(page.html('b-_9').toString()).toBe(
      '<form><input type="hidden" name="_csrf" value="b-_9"></form><form><input name="_csrf" value="b-_9"></form>',
    );
    expect(renders).toBe(1);
  });
});
