import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import {
  localSubmissionSchema,
  syncConflictSchema,
  syncConflictsInputSchema,
  syncEnrolInputSchema,
  syncEnrolOutputSchema,
  syncExportInputSchema,
  syncExportOutputSchema,
  syncResolveInputSchema,
  syncRunInputSchema,
  syncRunOutputSchema,
  syncStatusSchema,
  syncSubmissionsOutputSchema,
  syncSubmitInputSchema,
} from '../schemas/sync';

const empty = z.object({}).strict();
const EDITORS = ['admin', 'council_member', 'secretary', 'equipment_officer'] as const;

/**
 * Sync with the department server and dossier submission (issue 7, docs/sync.md). The device
 * token is never part of any input or output here.
 */
export const syncMethods = {
  /** Registers this computer with the department server (school account); stores the device token in the backend. */
  'sync.enrol': method({ input: syncEnrolInputSchema, output: syncEnrolOutputSchema, access: ['admin'], write: true }),
  /** Push pending changes and files, pull and apply the school's changes from other devices. */
  'sync.run': method({ input: syncRunInputSchema, output: syncRunOutputSchema, access: 'user', write: true }),
  'sync.status': method({ input: empty, output: syncStatusSchema, access: 'user', write: false }),
  'sync.conflicts': method({
    input: syncConflictsInputSchema,
    output: z.array(syncConflictSchema),
    access: 'user',
    write: false,
  }),
  'sync.resolveConflict': method({
    input: syncResolveInputSchema,
    output: syncConflictSchema,
    access: [...EDITORS],
    write: true,
  }),
  /** Sneakernet: pending changes and their files as a .zip for the department to import. */
  'sync.exportPackage': method({ input: syncExportInputSchema, output: syncExportOutputSchema, access: ['admin'], write: false }),
  /** Freezes a dossier (versioned snapshot with a manifest of hashes) and sends it, now or at the next sync. */
  'sync.submit': method({
    input: syncSubmitInputSchema,
    output: localSubmissionSchema,
    access: ['admin', 'secretary'],
    write: true,
  }),
  /** Submitted dossiers with the department's state and comments. */
  'sync.submissions': method({ input: empty, output: syncSubmissionsOutputSchema, access: 'user', write: false }),
} satisfies Record<string, MethodSpec>;
