import { forwardRef, useImperativeHandle, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { applyDisplayEdit, insertCitation, snapCaret, toDisplay } from './citation-edit';
import type { TextState } from './text-history';

export interface CitationTextareaHandle {
  /** Inserts a citation at the last caret position (replacing the "@"/"#" that opened the picker). */
  insert: (evidenceId: string) => void;
  /** Opens the picker at the caret, as the toolbar button does. */
  focus: () => void;
}

export interface CitationTextareaProps {
  /** Stored text with {{ev:<id>}} tokens. */
  value: string;
  codeOf: (id: string) => string | null;
  /** `before` is what the field held, for undo; `coalesce` false makes the change its own undo step. */
  onChange: (stored: string, before: TextState, coalesce: boolean) => void;
  /** "@" or "#" typed, or the toolbar asked: open the evidence picker. */
  onPickRequest: () => void;
  onUndo: (current: TextState) => TextState | null;
  onRedo: (current: TextState) => TextState | null;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A textarea for a description with citations: the stored tokens are shown as "[MC.1.1.01]"
 * and edited as whole chips (see citation-edit.ts); Ctrl+Z / Ctrl+Y undo and redo within the
 * session, including inserted citations.
 */
export const CitationTextarea = forwardRef<CitationTextareaHandle, CitationTextareaProps>(function CitationTextarea(
  {
    value,
    codeOf,
    onChange,
    onPickRequest,
    onUndo,
    onRedo,
    disabled,
    readOnly,
    placeholder,
    'data-testid': testId,
    'aria-label': ariaLabel,
  },
  ref,
) {
  const { t } = useTranslation();
  const missing = t('sa.editor.missingEvidence');
  const model = useMemo(() => toDisplay(value, codeOf, missing), [value, codeOf, missing]);
  const input = useRef<TextAreaRef>(null);
  const caretAfterRender = useRef<number | null>(null);
  /** Where the caret was, and how many trigger characters precede it, when the picker opened. */
  const pickAt = useRef<{ pos: number; replace: number } | null>(null);
  const el = () => input.current?.resizableTextArea?.textArea ?? null;
  const caret = () => el()?.selectionEnd ?? model.display.length;

  useLayoutEffect(() => {
    const c = caretAfterRender.current;
    const node = el();
    if (c !== null && node && document.activeElement === node) node.setSelectionRange(c, c);
    caretAfterRender.current = null;
  });

  useImperativeHandle(ref, () => ({
    insert: (evidenceId: string) => {
      let at = pickAt.current ?? { pos: caret(), replace: 0 };
      pickAt.current = null;
      if (at.pos > model.display.length) at = { pos: model.display.length, replace: 0 };
      // Replace the trigger only if it is still there.
      if (at.replace > 0 && !/^[@#]$/.test(model.display.slice(at.pos - at.replace, at.pos))) at = { ...at, replace: 0 };
      const r = insertCitation(model, at.pos, evidenceId, codeOf, at.replace, missing);
      caretAfterRender.current = r.caret;
      onChange(r.stored, { text: value, caret: at.pos }, false);
      // Back to the text, caret after the chip.
      setTimeout(() => {
        const node = el();
        if (!node) return;
        node.focus();
        node.setSelectionRange(r.caret, r.caret);
      }, 0);
    },
    focus: () => {
      pickAt.current = { pos: caret(), replace: 0 };
      onPickRequest();
    },
  }));

  const restore = (s: TextState | null) => {
    if (!s) return;
    caretAfterRender.current = Math.min(s.caret, toDisplay(s.text, codeOf, missing).display.length);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      restore(onUndo({ text: value, caret: caret() }));
    } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
      e.preventDefault();
      restore(onRedo({ text: value, caret: caret() }));
    }
  };

  return (
    <Input.TextArea
      ref={input}
      value={model.display}
      disabled={disabled}
      readOnly={readOnly}
      placeholder={placeholder}
      autoSize={{ minRows: 3, maxRows: 16 }}
      spellCheck={false}
      aria-label={ariaLabel}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onSelect={(e) => {
        const node = e.currentTarget;
        if (node.selectionStart !== node.selectionEnd) return;
        const snapped = snapCaret(model, node.selectionEnd);
        if (snapped !== node.selectionEnd) node.setSelectionRange(snapped, snapped);
      }}
      onChange={(e) => {
        const next = e.target.value;
        const at = e.target.selectionEnd ?? next.length;
        const before = { text: value, caret: Math.max(0, at - Math.max(0, next.length - model.display.length)) };
        const r = applyDisplayEdit(model, next, at, codeOf, missing);
        caretAfterRender.current = r.caret;
        const typed = next.length === model.display.length + 1 ? next[at - 1] : undefined;
        if (r.stored !== value) onChange(r.stored, before, true);
        if (typed === '@' || typed === '#') {
          pickAt.current = { pos: r.caret, replace: 1 };
          onPickRequest();
        }
      }}
    />
  );
});
