import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor, resolveKey } from '../../cli/tui/keys/commands.js';
import { caseloadReducer, indexCaseload, INITIAL_CASELOAD, selectRows } from '../../cli/tui/keys/caseload.js';
import { checklistKey } from '../../cli/tui/keys/checklist.js';
import { fuzzyFilter, fuzzyScore } from '../../cli/tui/keys/fuzzy.js';
import { splitKeys } from '../../cli/tui/keys/key-names.js';
import { moveCursor, visibleRows } from '../../cli/tui/keys/list-window.js';
import { overlayKey } from '../../cli/tui/keys/overlay.js';
import { MESSAGES, MESSAGE_KEYS, message } from '../../cli/tui/i18n/messages.js';
import type { ClientId } from '../../core/ids.js';

const state = { role: 'coordinator', canUndo: true, canRedo: false } as const;

describe('splitKeys', () => {
  it('splits batched input into single keys', () => {
    expect(splitKeys('jjj', {})).toEqual(['j', 'j', 'j']);
    expect(splitKeys('ab\r', {})).toEqual(['a', 'b', 'enter']);
    expect(splitKeys('ā', {})).toEqual(['ā']);
  });
  it('names special keys', () => {
    expect(splitKeys('', { downArrow: true })).toEqual(['down']);
    expect(splitKeys('r', { ctrl: true })).toEqual(['ctrl+r']);
    expect(splitKeys('', { tab: true, shift: true })).toEqual(['shift+tab']);
    expect(splitKeys('', { escape: true })).toEqual(['esc']);
    expect(splitKeys('', { delete: true })).toEqual(['backspace']);
  });
});

describe('command table', () => {
  it('has unique ids and no key clash within a scope', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scope of new Set(COMMANDS.map((c) => c.scope))) {
      const keys = COMMANDS.filter((c) => c.scope === scope).flatMap((c) => [...c.keys]);
      expect(new Set(keys).size, `duplicate key in ${scope}`).toBe(keys.length);
    }
  });
  it('resolves the most specific scope first', () => {
    expect(resolveKey('r', ['myday', 'list'], state)?.id).toBe('myday.refused');
    expect(resolveKey('r', ['approvals', 'list'], state)?.id).toBe('approvals.return');
    expect(resolveKey('j', ['clients', 'list'], state)?.id).toBe('list.down');
    expect(resolveKey('q', ['clients', 'list'], state)?.id).toBe('app.quit');
  });
  it('hides inactive commands', () => {
    expect(resolveKey('ctrl+r', ['clients'], state)).toBeNull();
    expect(resolveKey('a', ['approvals'], { ...state, role: 'caregiver' })).toBeNull();
    expect(commandsFor(['clients'], state).some((c) => c.id === 'app.redo')).toBe(false);
  });
  it('every label exists in both languages', () => {
    for (const c of COMMANDS) expect(MESSAGES[c.label]).toBeDefined();
    for (const k of MESSAGE_KEYS) {
      expect(MESSAGES[k].lv.length, k).toBeGreaterThan(0);
      expect(MESSAGES[k].en.length, k).toBeGreaterThan(0);
    }
    expect(message('en', 'clients.count', { shown: 1, total: 2 })).toBe('1 of 2');
  });
});

describe('lists', () => {
  it('moves and clamps the cursor', () => {
    expect(moveCursor(0, 'up', 10, 5)).toBe(0);
    expect(moveCursor(8, 'pageDown', 10, 5)).toBe(9);
    expect(moveCursor(3, 'bottom', 10, 5)).toBe(9);
    expect(moveCursor(0, 'down', 0, 5)).toBe(0);
  });
  it('renders only the visible window around the cursor', () => {
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const { top, rows } = visibleRows(items, 1500, 20);
    expect(rows).toHaveLength(20);
    expect(rows).toContain(1500);
    expect(top).toBe(1490);
  });
});

describe('caseload reducer', () => {
  const rows = indexCaseload([
    { id: 'c-1' as ClientId, name: 'Ozols Jānis', careGroupId: 'g2', status: 'active', updatedAt: '' },
    { id: 'c-2' as ClientId, name: 'Šarma Anna', careGroupId: 'g1', status: 'active', updatedAt: '' },
    { id: 'c-3' as ClientId, name: 'Kalns Pēteris', careGroupId: null, status: 'ended', updatedAt: '' },
  ]);
  const none = () => '    ';
  it('filters as you type, folding diacritics, and hides ended clients', () => {
    let s = caseloadReducer(INITIAL_CASELOAD, { type: 'startFilter' });
    for (const key of ['s', 'a', 'r']) s = caseloadReducer(s, { type: 'filterKey', key, count: 3, page: 10 });
    expect(selectRows(rows, s, none).map((r) => r.id)).toEqual(['c-2']);
    s = caseloadReducer(s, { type: 'filterKey', key: 'esc', count: 1, page: 10 });
    expect(s.filter).toBe('');
    expect(selectRows(rows, s, none)).toHaveLength(2);
    expect(selectRows(rows, caseloadReducer(s, { type: 'toggleEnded' }), none)).toHaveLength(3);
  });
  it('sorts by group and by markers', () => {
    const byGroup = caseloadReducer(INITIAL_CASELOAD, { type: 'sort' });
    expect(selectRows(rows, byGroup, none).map((r) => r.id)).toEqual(['c-2', 'c-1']);
    const byMarkers = caseloadReducer(byGroup, { type: 'sort' });
    expect(selectRows(rows, byMarkers, (id) => (id === 'c-1' ? 'RG  ' : '    ')).map((r) => r.id)).toEqual(['c-1', 'c-2']);
  });
});

describe('modals', () => {
  const label = (c: { id: string }) => c.id;
  it('confirm runs only on yes', () => {
    let ran = 0;
    const o = { kind: 'confirm', message: 'Sure?', onYes: () => ran++ } as const;
    expect(overlayKey(o, 'n', [], label).run).toBeUndefined();
    overlayKey(o, 'y', [], label).run?.();
    expect(ran).toBe(1);
  });
  it('palette finds a command by fuzzy text', () => {
    const o = { kind: 'palette', query: 'qui', cursor: 0 } as const;
    expect(overlayKey(o, 'enter', COMMANDS, label).command).toBe('app.quit');
    expect(fuzzyScore('gcl', 'go.clients')).not.toBeNull();
    expect(fuzzyFilter(['alpha', 'beta'], 'bt', (s) => s)).toEqual(['beta']);
  });
  it('checklist ticks and saves', () => {
    let s = { cursor: 0, ticked: [] as readonly string[] };
    const step1 = checklistKey(s, 'j', ['a', 'b']);
    if (step1.kind === 'state') s = step1.state;
    const step2 = checklistKey(s, ' ', ['a', 'b']);
    if (step2.kind === 'state') s = step2.state;
    expect(checklistKey(s, 'enter', ['a', 'b'])).toEqual({ kind: 'save', ticked: ['b'] });
  });
});
