/**
 * Undo / redo of one text field within the session. Keystrokes that follow each other within
 * `coalesceMs` make one step (as in a word processor); an inserted citation is always a step.
 */
export interface TextState {
  text: string;
  caret: number;
}

export class TextHistory {
  private past: TextState[] = [];
  private future: TextState[] = [];
  private lastAt = -Infinity;

  constructor(
    private readonly coalesceMs = 800,
    private readonly limit = 200,
  ) {}

  /** Call before applying a change, with the state being left. */
  record(before: TextState, now: number, coalesce = true): void {
    if (!coalesce || now - this.lastAt > this.coalesceMs || this.past.length === 0) {
      this.past.push(before);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.lastAt = coalesce ? now : -Infinity;
    this.future = [];
  }

  undo(current: TextState): TextState | null {
    const prev = this.past.pop();
    if (!prev) return null;
    this.future.push(current);
    this.lastAt = -Infinity;
    return prev;
  }

  redo(current: TextState): TextState | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(current);
    this.lastAt = -Infinity;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
