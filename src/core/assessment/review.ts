/**
 * The review state machine of one criterion (rà soát, phê duyệt):
 *
 *   nháp ──submit──▶ chờ rà soát ──forward──▶ chờ duyệt ──approve──▶ đã duyệt
 *    ▲  ◀─withdraw──┘      │                      │                     │
 *    │                   return                 return               reopen (lý do, ghi nhận)
 *    │                     ▼                      ▼                     │
 *    └──────revise──── trả lại ◀──────────────────┘                     ▼
 *                                                                      nháp
 *
 * Who may act is a capability of the actor in this assessment: `edit` (assigned to the
 * criterion, the council chair or an administrator), `review` (chair, vice chair, secretary
 * of the council, administrator) and `approve` (the chair or an administrator). Content can be
 * changed only in "nháp" and "trả lại"; an approved criterion is read-only until reopened.
 */

export const REVIEW_STATES = ['draft', 'pending_review', 'pending_approval', 'approved', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  draft: 'Nháp',
  pending_review: 'Chờ rà soát',
  pending_approval: 'Chờ duyệt',
  approved: 'Đã duyệt',
  returned: 'Trả lại',
};

export const REVIEW_ACTIONS = ['submit', 'withdraw', 'forward', 'return', 'approve', 'reopen', 'revise'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_ACTION_LABELS: Readonly<Record<ReviewAction, string>> = {
  submit: 'Gửi rà soát',
  withdraw: 'Rút lại để sửa',
  forward: 'Chuyển duyệt',
  return: 'Trả lại',
  approve: 'Duyệt',
  reopen: 'Mở lại',
  revise: 'Sửa lại',
};

export type ReviewCapability = 'edit' | 'review' | 'approve';

interface Transition {
  action: ReviewAction;
  from: ReviewState;
  to: ReviewState;
  needs: ReviewCapability;
  /** A reason is required (it becomes a comment / is recorded with the event). */
  noteRequired: boolean;
}

export const REVIEW_TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: 'draft', to: 'pending_review', needs: 'edit', noteRequired: false },
  { action: 'withdraw', from: 'pending_review', to: 'draft', needs: 'edit', noteRequired: false },
  { action: 'forward', from: 'pending_review', to: 'pending_approval', needs: 'review', noteRequired: false },
  { action: 'return', from: 'pending_review', to: 'returned', needs: 'review', noteRequired: true },
  { action: 'return', from: 'pending_approval', to: 'returned', needs: 'approve', noteRequired: true },
  { action: 'approve', from: 'pending_approval', to: 'approved', needs: 'approve', noteRequired: false },
  { action: 'reopen', from: 'approved', to: 'draft', needs: 'approve', noteRequired: true },
  { action: 'revise', from: 'returned', to: 'draft', needs: 'edit', noteRequired: false },
];

export type TransitionOutcome =
  | { ok: true; from: ReviewState; to: ReviewState }
  | { ok: false; reason: 'illegal' | 'forbidden' | 'note_required'; message: string };

const NEEDS_TEXT: Readonly<Record<ReviewCapability, string>> = {
  edit: 'người được phân công tiêu chí, Chủ tịch hội đồng hoặc quản trị viên',
  review: 'Chủ tịch, Phó Chủ tịch, Thư ký hội đồng hoặc quản trị viên',
  approve: 'Chủ tịch hội đồng hoặc quản trị viên',
};

/** What `action` does from `state` for an actor with `caps`; never throws. */
export function planTransition(
  state: ReviewState,
  action: ReviewAction,
  caps: ReadonlySet<ReviewCapability>,
  note = '',
): TransitionOutcome {
  const t = REVIEW_TRANSITIONS.find((x) => x.action === action && x.from === state);
  if (!t) {
    const from = REVIEW_TRANSITIONS.filter((x) => x.action === action).map((x) => `"${REVIEW_STATE_LABELS[x.from]}"`);
    return {
      ok: false,
      reason: 'illegal',
      message: `Không thể "${REVIEW_ACTION_LABELS[action]}" khi tiêu chí đang ở trạng thái "${REVIEW_STATE_LABELS[state]}" (chỉ từ ${[...new Set(from)].join(' hoặc ')}).`,
    };
  }
  if (!caps.has(t.needs)) {
    return {
      ok: false,
      reason: 'forbidden',
      message: `Chỉ ${NEEDS_TEXT[t.needs]} mới được "${REVIEW_ACTION_LABELS[action]}".`,
    };
  }
  if (t.noteRequired && note.trim() === '') {
    return { ok: false, reason: 'note_required', message: `Vui lòng ghi lý do khi "${REVIEW_ACTION_LABELS[action]}".` };
  }
  return { ok: true, from: state, to: t.to };
}

/** Actions the actor can take now (for the buttons); each with whether it needs a note. */
export function availableActions(
  state: ReviewState,
  caps: ReadonlySet<ReviewCapability>,
): { action: ReviewAction; to: ReviewState; noteRequired: boolean }[] {
  return REVIEW_TRANSITIONS.filter((t) => t.from === state && caps.has(t.needs)).map((t) => ({
    action: t.action,
    to: t.to,
    noteRequired: t.noteRequired,
  }));
}

/** Content (descriptions, judgments) may change only in these states. */
export function isEditableState(state: ReviewState): boolean {
  return state === 'draft' || state === 'returned';
}

export function readOnlyMessage(state: ReviewState): string {
  switch (state) {
    case 'approved':
      return 'Tiêu chí đã được duyệt nên chỉ xem được; Chủ tịch hội đồng mở lại thì mới sửa được.';
    case 'pending_review':
      return 'Tiêu chí đang chờ rà soát; hãy rút lại để sửa.';
    case 'pending_approval':
      return 'Tiêu chí đang chờ duyệt; chỉ sửa được khi bị trả lại.';
    default:
      return '';
  }
}
