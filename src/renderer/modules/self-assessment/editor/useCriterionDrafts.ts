import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { MethodInput } from '../../../../contract/methods';
import type { CriterionEditorDto, JudgmentDto, RequirementViewDto } from '../../../../contract/schemas/assessment';
import { isApiError } from '../../../api/client';
import { TextHistory, type TextState } from './text-history';

/** What the user has on screen for one requirement, and what the server last accepted. */
export interface Draft {
  level: number;
  code: string;
  description: string;
  judgment: JudgmentDto;
  /** The requirement's rev as last read or saved by us (sent as expectedRev). */
  rev: number;
  savedDescription: string;
  savedJudgment: JudgmentDto;
}

export type SaveInput = MethodInput<'criterion.saveRequirement'>;

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

export interface DraftsOptions {
  save: (input: SaveInput) => Promise<CriterionEditorDto>;
  /** The latest editor from the server (for "keep mine" / "take theirs" after a conflict). */
  reload: () => Promise<CriterionEditorDto>;
  /** Every editor the server answers with (the cache should hold it). */
  onEditor: (editor: CriterionEditorDto) => void;
  /** A save refused by a rule (e.g. "Đạt" without evidence): shown to the user. */
  onRefused: (message: string) => void;
  errorText: (err: unknown) => string;
  /** Debounce of typing, ms. */
  delay?: number;
}

export const draftKey = (level: number, code: string) => `${level}:${code}`;

const dirty = (d: Draft) => d.description !== d.savedDescription || d.judgment !== d.savedJudgment;

function fromServer(r: RequirementViewDto): Draft {
  return {
    level: r.level,
    code: r.code,
    description: r.description,
    judgment: r.judgment,
    rev: r.rev,
    savedDescription: r.description,
    savedJudgment: r.judgment,
  };
}

const requirementsOf = (e: CriterionEditorDto) => e.levels.flatMap((l) => l.requirements);

/**
 * The criterion editor's local state and autosave. Keystrokes stay in local state while a save
 * is in flight (nothing the server answers overwrites a requirement the user is still
 * changing); each requirement saves ~800 ms after the last keystroke, or at once for a
 * judgment, with `expectedRev`; a save finishing while the text changed again saves again with
 * the new rev. A CONFLICT stops that requirement's autosave until the user chooses to keep
 * their text or take the other person's.
 */
export function useCriterionDrafts(editor: CriterionEditorDto, options: DraftsOptions) {
  const opts = useRef(options);
  opts.current = options;
  const delay = options.delay ?? 800;
  const drafts = useRef(new Map<string, Draft>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inflight = useRef(new Map<string, Promise<void>>());
  const conflicts = useRef(new Map<string, string>());
  const errors = useRef(new Map<string, string>());
  const histories = useRef(new Map<string, TextHistory>());
  const synced = useRef<CriterionEditorDto | null>(null);
  const identity = useRef(`${editor.assessmentId}/${editor.criterion.code}`);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [version, bump] = useReducer((x: number) => x + 1, 0);

  // Another criterion: start afresh (the parent remounts per criterion; this is a safety net).
  const id = `${editor.assessmentId}/${editor.criterion.code}`;
  if (identity.current !== id) {
    identity.current = id;
    drafts.current = new Map();
    histories.current = new Map();
    conflicts.current = new Map();
    errors.current = new Map();
    synced.current = null;
  }

  // Adopt the server's values for requirements the user is not changing.
  if (synced.current !== editor) {
    synced.current = editor;
    for (const r of requirementsOf(editor)) {
      const key = draftKey(r.level, r.code);
      const d = drafts.current.get(key);
      if (!d || (!dirty(d) && !inflight.current.has(key) && !conflicts.current.has(key))) {
        drafts.current.set(key, fromServer(r));
      }
    }
  }

  const clearTimer = (key: string) => {
    const t = timers.current.get(key);
    if (t !== undefined) clearTimeout(t);
    timers.current.delete(key);
  };

  const saveNow = useCallback(
    (key: string): Promise<void> => {
      clearTimer(key);
      const running = inflight.current.get(key);
      // One save per requirement at a time; the finally below saves again if needed.
      if (running) return running;
      const d = drafts.current.get(key);
      if (!d || !dirty(d) || conflicts.current.has(key)) return Promise.resolve();
      const sentDescription = d.description;
      const sentJudgment = d.judgment;
      const input: SaveInput = {
        assessmentId: editor.assessmentId,
        criterionCode: editor.criterion.code,
        level: d.level,
        requirementCode: d.code,
        expectedRev: d.rev,
        ...(sentDescription !== d.savedDescription ? { description: sentDescription } : {}),
        ...(sentJudgment !== d.savedJudgment ? { judgment: sentJudgment } : {}),
      };
      let retry = false;
      const p = (async () => {
        try {
          const answer = await opts.current.save(input);
          const r = requirementsOf(answer).find((x) => x.level === d.level && x.code === d.code);
          const cur = drafts.current.get(key)!;
          if (r) cur.rev = r.rev;
          cur.savedDescription = sentDescription;
          cur.savedJudgment = sentJudgment;
          errors.current.delete(key);
          setSavedAt(new Date());
          opts.current.onEditor(answer);
        } catch (err) {
          const cur = drafts.current.get(key)!;
          if (isApiError(err, 'CONFLICT')) {
            conflicts.current.set(key, opts.current.errorText(err));
          } else if (isApiError(err, 'VALIDATION') || isApiError(err, 'FORBIDDEN') || isApiError(err, 'INVALID_ARGS')) {
            if (input.judgment !== undefined && !isApiError(err, 'FORBIDDEN')) {
              // A rule refused the judgment (usually "Đạt"): it goes back, the text stays and saves alone.
              if (cur.judgment === sentJudgment) cur.judgment = cur.savedJudgment;
              opts.current.onRefused(opts.current.errorText(err));
            } else {
              // Refused for the text itself: keep it on screen, no retry loop.
              errors.current.set(key, opts.current.errorText(err));
            }
          } else {
            errors.current.set(key, opts.current.errorText(err));
            retry = true;
          }
        } finally {
          inflight.current.delete(key);
          const cur = drafts.current.get(key);
          if (cur && dirty(cur) && !conflicts.current.has(key) && (retry || !errors.current.has(key))) {
            schedule(key, retry ? 5000 : 0);
          }
          bump();
        }
      })();
      inflight.current.set(key, p);
      bump();
      return p;
    },
    [editor.assessmentId, editor.criterion.code],
  );

  const schedule = (key: string, ms: number) => {
    clearTimer(key);
    timers.current.set(
      key,
      setTimeout(() => {
        timers.current.delete(key);
        void saveNow(key);
      }, ms),
    );
  };

  const historyOf = (key: string) => {
    let h = histories.current.get(key);
    if (!h) histories.current.set(key, (h = new TextHistory()));
    return h;
  };

  /** The user changed a description; `before` is what the field held (for undo). */
  const setDescription = (key: string, text: string, before: TextState, coalesce = true) => {
    const d = drafts.current.get(key);
    if (!d || d.description === text) return;
    historyOf(key).record(before, Date.now(), coalesce);
    d.description = text;
    errors.current.delete(key);
    if (!conflicts.current.has(key)) schedule(key, delay);
    bump();
  };

  const setJudgment = (key: string, judgment: JudgmentDto) => {
    const d = drafts.current.get(key);
    if (!d || d.judgment === judgment) return;
    d.judgment = judgment;
    bump();
    if (!conflicts.current.has(key)) void saveNow(key);
  };

  /** Ctrl+Z: the text before the last step, or null. */
  const undo = (key: string, current: TextState): TextState | null => {
    const prev = historyOf(key).undo(current);
    if (prev) applyHistory(key, prev.text);
    return prev;
  };
  const redo = (key: string, current: TextState): TextState | null => {
    const next = historyOf(key).redo(current);
    if (next) applyHistory(key, next.text);
    return next;
  };
  const applyHistory = (key: string, text: string) => {
    const d = drafts.current.get(key);
    if (!d) return;
    d.description = text;
    if (!conflicts.current.has(key)) schedule(key, delay);
    bump();
  };

  /** Saves everything now (before a review action, leaving the page). */
  const flush = async (): Promise<boolean> => {
    const keys = [...drafts.current.keys()];
    await Promise.all(keys.map((k) => saveNow(k)));
    await Promise.all([...inflight.current.values()]);
    return keys.every((k) => !dirty(drafts.current.get(k)!)) && conflicts.current.size === 0;
  };

  /** After a conflict: keep my text, saved over the newest version. */
  const keepMine = async (key: string) => {
    const fresh = await opts.current.reload();
    const d = drafts.current.get(key);
    const r = requirementsOf(fresh).find((x) => d && x.level === d.level && x.code === d.code);
    if (d && r) {
      d.rev = r.rev;
      d.savedDescription = r.description;
      d.savedJudgment = r.judgment;
    }
    conflicts.current.delete(key);
    opts.current.onEditor(fresh);
    bump();
    await saveNow(key);
  };

  /** After a conflict: drop my text, take the newest version. */
  const takeTheirs = async (key: string) => {
    const fresh = await opts.current.reload();
    const d = drafts.current.get(key);
    const r = requirementsOf(fresh).find((x) => d && x.level === d.level && x.code === d.code);
    if (r) drafts.current.set(key, fromServer(r));
    conflicts.current.delete(key);
    clearTimer(key);
    opts.current.onEditor(fresh);
    bump();
  };

  // Leaving the criterion: what is still unsaved goes now (the request outlives the screen).
  useEffect(() => {
    const map = timers.current;
    return () => {
      for (const [key, t] of map) {
        clearTimeout(t);
        void saveNow(key);
      }
    };
  }, [saveNow]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if ([...drafts.current.values()].some(dirty)) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const all = [...drafts.current.values()];
  const conflictList = [...conflicts.current.entries()];
  const errorList = [...errors.current.values()];
  const status: SaveStatus =
    conflictList.length > 0
      ? { kind: 'conflict', message: conflictList[0]![1] }
      : inflight.current.size > 0
        ? { kind: 'saving' }
        : errorList.length > 0
          ? { kind: 'error', message: errorList[0]! }
          : all.some(dirty)
            ? { kind: 'pending' }
            : savedAt
              ? { kind: 'saved', at: savedAt }
              : { kind: 'idle' };

  return {
    version,
    get: (key: string) => drafts.current.get(key),
    drafts: all,
    status,
    conflicts: conflictList,
    isDirty: (key: string) => {
      const d = drafts.current.get(key);
      return !!d && dirty(d);
    },
    canUndo: (key: string) => histories.current.get(key)?.canUndo ?? false,
    canRedo: (key: string) => histories.current.get(key)?.canRedo ?? false,
    setDescription,
    setJudgment,
    undo,
    redo,
    flush,
    keepMine,
    takeTheirs,
  };
}

export type CriterionDrafts = ReturnType<typeof useCriterionDrafts>;
