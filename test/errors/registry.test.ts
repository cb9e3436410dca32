import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appErrors } from '../../src/app-errors';
import { AppError, fieldError } from '../../src/errors/app-error';
import { errorEntry, registerErrors, registeredErrors } from '../../src/errors/registry';

describe('the errors registry', () => {
  it('holds every module’s entries, one shape each: status, French message, support line', () => {
    const all = registeredErrors();
    let count = 0;
    for (const group of appErrors) {
      for (const [code, entry] of Object.entries(group)) {
        count++;
        expect(all.get(code)).toBe(entry);
        expect(Object.keys(entry).sort()).toEqual(['message', 'status', 'support']);
        expect(entry.status).toBeGreaterThanOrEqual(400);
        expect(entry.status).toBeLessThan(600);
        expect(entry.message).toMatch(/[a-zé].*[.!?»]$/);
        expect(entry.support.length).toBeGreaterThan(5);
      }
    }
    // A code owned by two modules would have been refused (or silently shadowed).
    expect(all.size).toBe(count);
  });

  it('refuses a code registered twice with another entry', () => {
    expect(() => registerErrors({ NOT_FOUND: { status: 404, message: 'Autre.', support: 'x' } })).toThrow('NOT_FOUND registered twice');
  });

  it('builds AppError and field errors from the registry', () => {
    const e = new AppError('FLOW_CONFLICT', 'code');
    expect(e).toMatchObject({ code: 'FLOW_CONFLICT', status: 409, field: 'code', message: errorEntry('FLOW_CONFLICT').message });
    expect(fieldError('nir', 'NIR_INVALID')).toEqual({ field: 'nir', code: 'NIR_INVALID', message: errorEntry('NIR_INVALID').message });
  });

  it('lives in a core that imports no feature', () => {
    for (const f of readdirSync('src/errors')) {
      const imports = [...readFileSync(`src/errors/${f}`, 'utf8').matchAll(/^(?:import|export) [^;]*? from '([^']+)'/gm)].map((m) => m[1]);
      for (const i of imports) expect(i, `${f} imports ${i}`).toMatch(/^\.\/[^/]+$/);
    }
  });
});
