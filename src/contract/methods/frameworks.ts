import { z } from 'zod';
import type { Framework } from '../../core/frameworks';
import { method, type MethodSpec } from '../rpc';

export const frameworkSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  kind: z.enum(['levels', 'points']),
  family: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  educationLevels: z.array(z.string()),
  legalNumber: z.string(),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

/** Assessment frameworks are read-only data shipped with the app (resources/frameworks). */
export const frameworksMethods = {
  'frameworks.list': method({ input: z.object({}).strict(), output: z.array(frameworkSummarySchema), access: 'user', write: false }),
  'frameworks.get': method({
    input: z.object({ id: z.string().min(1).max(80) }),
    output: z.custom<Framework>(),
    access: 'user',
    write: false,
  }),
} satisfies Record<string, MethodSpec>;
