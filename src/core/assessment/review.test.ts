import { describe, expect, it } from 'vitest';
import {
  availableActions,
  isEditableState,
  planTransition,
  REVIEW_ACTIONS,
  REVIEW_STATES,
  REVIEW_TRANSITIONS,
  type ReviewCapability,
} from './review';

const all = new Set<ReviewCapability>(['edit', 'review', 'approve']);

describe('review state machine', () => {
  it('has exactly the documented transitions', () => {
    expect(REVIEW_TRANSITIONS.map((t) => `${t.from} -${t.action}-> ${t.to}`)).toEqual([
      'draft -submit-> pending_review',
      'pending_review -withdraw-> draft',
      'pending_review -forward-> pending_approval',
      'pending_review -return-> returned',
      'pending_approval -return-> returned',
      'pending_approval -approve-> approved',
      'approved -reopen-> draft',
      'returned -revise-> draft',
    ]);
  });

  it('refuses every other (state, action) pair as illegal, naming the states it is allowed from', () => {
    let illegal = 0;
    for (const state of REVIEW_STATES) {
      for (const action of REVIEW_ACTIONS) {
        const out = planTransition(state, action, all, 'lý do');
        const legal = REVIEW_TRANSITIONS.some((t) => t.from === state && t.action === action);
        expect(out.ok).toBe(legal);
        if (!out.ok) {
          illegal++;
          expect(out.reason).toBe('illegal');
        }
      }
    }
    expect(illegal).toBe(REVIEW_STATES.length * REVIEW_ACTIONS.length - REVIEW_TRANSITIONS.length);
    expect(planTransition('draft', 'approve', all)).toEqual({
      ok: false,
      reason: 'illegal',
      message: 'Không thể "Duyệt" khi tiêu chí đang ở trạng thái "Nháp" (chỉ từ "Chờ duyệt").',
    });
  });

  it('checks capabilities and required notes', () => {
    expect(planTransition('draft', 'submit', new Set(['review']))).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(planTransition('pending_approval', 'approve', new Set(['edit', 'review']))).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    // Returning from "chờ rà soát" needs a reviewer; from "chờ duyệt" the approver.
    expect(planTransition('pending_review', 'return', new Set(['review']), 'Thiếu số liệu')).toEqual({
      ok: true,
      from: 'pending_review',
      to: 'returned',
    });
    expect(planTransition('pending_approval', 'return', new Set(['review']), 'Thiếu số liệu')).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(planTransition('approved', 'reopen', all, '  ')).toMatchObject({ ok: false, reason: 'note_required' });
    expect(planTransition('approved', 'reopen', all, 'Bổ sung')).toEqual({ ok: true, from: 'approved', to: 'draft' });
  });

  it('lists the buttons for a state and who edits content', () => {
    expect(availableActions('pending_review', new Set(['edit']))).toEqual([
      { action: 'withdraw', to: 'draft', noteRequired: false },
    ]);
    expect(availableActions('pending_review', new Set(['review'])).map((a) => a.action)).toEqual(['forward', 'return']);
    expect(availableActions('approved', new Set(['edit', 'review']))).toEqual([]);
    expect(REVIEW_STATES.filter(isEditableState)).toEqual(['draft', 'returned']);
  });
});
