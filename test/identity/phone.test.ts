import { describe, expect, it } from 'vitest';
import { parseMobilePhone } from '../../src/identity/index';

describe('parseMobilePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678', 'FR', '06 12 34 56 78'],
    ['07.81.23.45.67', '+33781234567', 'FR', '07 81 23 45 67'],
    ['+33 6 12 34 56 78', '+33612345678', 'FR', '06 12 34 56 78'],
    ['+33 (0)6 12 34 56 78', '+33612345678', 'FR', '06 12 34 56 78'],
    ['0033612345678', '+33612345678', 'FR', '06 12 34 56 78'],
    ['0690 12 34 56', '+590690123456', 'GP', '06 90 12 34 56'],
    ['0691123456', '+590691123456', 'GP', '06 91 12 34 56'],
    ['0696 12 34 56', '+596696123456', 'MQ', '06 96 12 34 56'],
    ['0697123456', '+596697123456', 'MQ', '06 97 12 34 56'],
    ['0694 12 34 56', '+594694123456', 'GF', '06 94 12 34 56'],
    ['0692 12 34 56', '+262692123456', 'RE', '06 92 12 34 56'],
    ['0693123456', '+262693123456', 'RE', '06 93 12 34 56'],
    ['0639 12 34 56', '+262639123456', 'YT', '06 39 12 34 56'],
    ['+590 690 12 34 56', '+590690123456', 'GP', '06 90 12 34 56'],
    ['+596696123456', '+596696123456', 'MQ', '06 96 12 34 56'],
    ['+594 694 12 34 56', '+594694123456', 'GF', '06 94 12 34 56'],
    ['+262 692 12 34 56', '+262692123456', 'RE', '06 92 12 34 56'],
    ['+262 639 12 34 56', '+262639123456', 'YT', '06 39 12 34 56'],
    ['+33 6 90 12 34 56', '+590690123456', 'GP', '06 90 12 34 56'],
    ['+508 55 12 34', '+508551234', 'PM', '55 12 34'],
    ['+687 75 12 34', '+687751234', 'NC', '75 12 34'],
    ['00687 91 12 34', '+687911234', 'NC', '91 12 34'],
    ['+689 87 12 34 56', '+68987123456', 'PF', '87 12 34 56'],
    ['+681 82 12 34', '+681821234', 'WF', '82 12 34'],
    ['07 30 12 34 56', '+33730123456', 'FR', '07 30 12 34 56'],
    ['0639 40 12 34', '+262639401234', 'YT', '06 39 40 12 34'], // a block the metadata lists
    ['+590 690 00 12 34', '+590690001234', 'GP', '06 90 00 12 34'],
  ])('%s → %s (%s)', (input, e164, territory, national) => {
    expect(parseMobilePhone(input)).toEqual({ ok: true, value: { e164, territory, national } });
  });

  it.each([
    ['01 23 45 67 89', 'PHONE_NOT_MOBILE'],
    ['04 91 00 00 00', 'PHONE_NOT_MOBILE'],
    ['09 12 34 56 78', 'PHONE_NOT_MOBILE'],
    ['0590 12 34 56', 'PHONE_NOT_MOBILE'],
    ['0262 12 34 56', 'PHONE_NOT_MOBILE'],
    ['+590 590 12 34 56', 'PHONE_NOT_MOBILE'],
    ['+33 1 23 45 67 89', 'PHONE_NOT_MOBILE'],
    ['08 00 12 34 56', 'PHONE_NOT_MOBILE'],
    ['+508 41 12 34', 'PHONE_NOT_MOBILE'],
    ['+687 27 12 34', 'PHONE_NOT_MOBILE'],
    ['+689 40 12 34 56', 'PHONE_NOT_MOBILE'],
    ['+681 72 12 34', 'PHONE_NOT_MOBILE'],
    ['07 12 34 56 78', 'PHONE_INVALID'], // 07 0x–07 2x: not allotted to mobiles
    ['+33 7 02 34 56 78', 'PHONE_INVALID'],
    ['06 12 34 56 7', 'PHONE_INVALID'],
    ['06 12 34 56 789', 'PHONE_INVALID'],
    ['06 12 AB 56 78', 'PHONE_INVALID'],
    ['+590 696 12 34 56', 'PHONE_INVALID'],
    ['+262 690 12 34 56', 'PHONE_INVALID'],
    ['+33 6 12', 'PHONE_INVALID'],
    ['+687 75 12 3', 'PHONE_INVALID'],
    ['+44 7700 900123', 'PHONE_COUNTRY_NOT_SUPPORTED'],
    ['+32 470 12 34 56', 'PHONE_COUNTRY_NOT_SUPPORTED'],
    ['', 'PHONE_EMPTY'],
  ])('%j → %s', (input, code) => {
    const r = parseMobilePhone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.field).toBe('phone');
    }
  });

  it('says clearly that a landline cannot receive an SMS', () => {
    const r = parseMobilePhone('01 23 45 67 89');
    expect(!r.ok && r.error.message).toContain('ne peut pas recevoir de SMS');
  });
});
