import { describe, expect, it } from 'vitest';
import { TextHistory } from './text-history';

describe('undo within the session', () => {
  it('groups quick keystrokes into one step, and redo goes forward again', () => {
    const h = new TextHistory(800);
    h.record({ text: '', caret: 0 }, 0);
    h.record({ text: 'a', caret: 1 }, 100);
    h.record({ text: 'ab', caret: 2 }, 200);
    // A pause, then more typing: a second step.
    h.record({ text: 'abc', caret: 3 }, 2000);
    const current = { text: 'abcd', caret: 4 };
    const one = h.undo(current);
    expect(one).toEqual({ text: 'abc', caret: 3 });
    const two = h.undo(one!);
    expect(two).toEqual({ text: '', caret: 0 });
    expect(h.undo(two!)).toBeNull();
    expect(h.redo(two!)).toEqual({ text: 'abc', caret: 3 });
  });

  it('an inserted citation is always its own step, and a new change clears redo', () => {
    const h = new TextHistory(800);
    h.record({ text: 'x', caret: 1 }, 0);
    h.record({ text: 'xy', caret: 2 }, 10, false);
    expect(h.undo({ text: 'xy{{ev}}', caret: 8 })).toEqual({ text: 'xy', caret: 2 });
    h.record({ text: 'xy', caret: 2 }, 20);
    expect(h.canRedo).toBe(false);
  });
});
