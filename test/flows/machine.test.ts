import { describe, expect, it } from 'vitest';
import { defineMachine, WrongStateError } from '../../src/flows/machine';

const door = defineMachine({
  name: 'door',
  states: ['closed', 'open', 'locked', 'broken'],
  initial: 'closed',
  final: ['broken'],
  transitions: {
    closed: { open: 'open', lock: 'locked', kick: 'broken' },
    open: { close: 'closed' },
    locked: { unlock: 'closed' },
  },
});

describe('defineMachine', () => {
  it('leads each allowed event to its state', () => {
    expect(door.next('closed', 'open')).toBe('open');
    expect(door.next('locked', 'unlock')).toBe('closed');
    expect(door.can('open', 'close')).toBe(true);
    expect(door.events('closed')).toEqual(['open', 'lock', 'kick']);
  });

  it('refuses an event the state does not accept, with the machine, state and event named', () => {
    expect(door.can('locked', 'open')).toBe(false);
    expect(() => door.next('locked', 'open')).toThrow(WrongStateError);
    try {
      door.next('broken', 'close');
    } catch (e) {
      expect(e).toMatchObject({ machine: 'door', state: 'broken', event: 'close' });
    }
  });

  it('knows its states and final states', () => {
    expect(door.isState('open')).toBe(true);
    expect(door.isState('ajar')).toBe(false);
    expect(door.isState(42)).toBe(false);
    expect(door.isFinal('broken')).toBe(true);
    expect(door.isFinal('closed')).toBe(false);
  });

  it('draws itself as a Mermaid diagram', () => {
    expect(door.diagram()).toBe(
      [
        'stateDiagram-v2',
        '    [*] --> closed',
        '    closed --> open: open',
        '    closed --> locked: lock',
        '    closed --> broken: kick',
        '    open --> closed: close',
        '    locked --> closed: unlock',
        '    broken --> [*]',
      ].join('\n'),
    );
  });

  it('rejects a definition that names an unknown state or leaves a final state', () => {
    expect(() => defineMachine({ name: 'x', states: ['a', 'b'], initial: 'a', final: [], transitions: { a: { go: 'c' as 'b' } } })).toThrow(
      /unknown state "c"/,
    );
    expect(() => defineMachine({ name: 'x', states: ['a', 'b'], initial: 'a', final: ['b'], transitions: { b: { go: 'a' } } })).toThrow(
      /final state "b"/,
    );
  });
});
