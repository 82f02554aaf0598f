import { z } from 'zod';

/**
 * Routes are described once, in zod: types for handlers come from `z.infer`, and Fastify gets
 * the JSON Schema made by zod 4's `z.toJSONSchema` (draft-07, what Fastify's Ajv speaks), so
 * Ajv validates requests and fast-json-stringify shapes replies — which also drops any field
 * a response schema does not list, e.g. a password hash that slipped into an object.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io }) as Record<string, unknown>;
  return rest;
}

/** For reply schemas: `output` makes objects closed (`additionalProperties: false`). */
export const replySchema = (schema: z.ZodType) => jsonSchema(schema, 'output');
