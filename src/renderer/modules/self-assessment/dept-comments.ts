import { useMemo } from 'react';
import { contract } from '../../../contract/methods';
import type { Role } from '../../../contract/schemas/common';
import type { LocalSchoolComment } from '../../../contract/schemas/review';
import { useApiQuery } from '../../api/hooks';

/**
 * The department's comments on this assessment's submitted dossier (issue 8): what the
 * inspection team returned, served by the backend from its local cache when offline. One query
 * for the whole workspace (list badges, overview banner, editor card), fresh for 20 s: each
 * refresh asks the department server (when it answers).
 */
export function useDeptComments(assessmentId: string) {
  const q = useApiQuery('sync.reviewComments', {}, { staleTime: 20_000, retry: false });
  return useMemo(() => {
    const comments = (q.data?.comments ?? []).filter((c) => c.subjectId === assessmentId);
    const unanswered = new Map<string, number>();
    for (const c of comments) if (isUnanswered(c)) unanswered.set(c.criterionCode, (unanswered.get(c.criterionCode) ?? 0) + 1);
    return {
      comments,
      view: q.data,
      /** Unanswered comments per criterion code. */
      unanswered,
      firstUnanswered: comments.find(isUnanswered) ?? null,
      unansweredTotal: [...unanswered.values()].reduce((a, b) => a + b, 0),
    };
  }, [q.data, assessmentId]);
}

/** Waits for the school's answer: no reply on the server and none queued on this computer. */
export const isUnanswered = (c: LocalSchoolComment) => c.reply.trim() === '' && c.pendingReply === null;

/** The roles the backend lets answer the department (the contract's access list). */
export function canReplyToDept(role: Role): boolean {
  const access = contract['sync.replyReviewComment'].access;
  return Array.isArray(access) && (access as readonly string[]).includes(role);
}
