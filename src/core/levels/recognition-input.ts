import { z } from 'zod';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { formatJsonPath } from '../frameworks/validate';
import { AssessInputError } from './assess-input';
import type { LegacyDegreesInput, NationalStandardTt57Input } from './recognition';

const flag = z.boolean().nullable();

export const nationalStandardTt57InputSchema = z
  .object({
    completedCohort: flag,
    consecutiveYearsOfData: z.number().int().nonnegative().nullable(),
    schoolLevel: z.number().int().min(0).max(2).nullable(),
    facilitiesByDegree: z.record(z.string().regex(/^\d+$/), flag),
  })
  .strict();

export const legacyDegreesInputSchema = z
  .object({
    level: z.number().int().min(0).max(4).nullable(),
    levelSource: z.enum(['external', 'self-assessment']),
    cohortCondition: flag,
  })
  .strict();

export type RecognitionInput =
  { family: 'tt57'; input: NationalStandardTt57Input } | { family: 'legacy2018'; input: LegacyDegreesInput };

/** Validates a recognition input for the framework's family; errors name the field, Vietnamese first. */
export function parseRecognitionInput(fw: LevelsFramework, data: unknown): RecognitionInput {
  const schema = fw.family === 'tt57' ? nationalStandardTt57InputSchema : legacyDegreesInputSchema;
  const result = schema.safeParse(data, { error: z.locales.vi().localeError });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = formatJsonPath(issue.path) || '(gốc)';
    const fields =
      fw.family === 'tt57'
        ? 'completedCohort, consecutiveYearsOfData, schoolLevel, facilitiesByDegree'
        : 'level, levelSource ("external" | "self-assessment"), cohortCondition';
    throw new AssessInputError(`Trường ${field}: ${issue.message} (khung ${fw.id} cần các trường: ${fields})`, field);
  }
  return fw.family === 'tt57'
    ? { family: 'tt57', input: result.data as NationalStandardTt57Input }
    : { family: 'legacy2018', input: result.data as LegacyDegreesInput };
}
