import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { passwordSchema, userInputSchema, userSchema, usernameSchema } from '../schemas/user';
import { schoolProfileInputSchema, schoolSchema } from '../schemas/school';
import { idSchema, requiredText, roleSchema } from '../schemas/common';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** First-run setup, login, local accounts, the school profile, database health. */
export const foundationMethods = {
  'app.info': method({
    input: empty,
    output: z.object({ version: z.string(), schemaVersion: z.string(), transport: z.enum(['ipc', 'ws', 'cli', 'test']) }),
    access: 'public',
    write: false,
  }),

  'setup.status': method({
    input: empty,
    output: z.object({ initialized: z.boolean(), schoolName: z.string().nullable() }),
    access: 'public',
    write: false,
  }),
  /** First-run wizard: creates the school and its first admin, then logs that admin in. */
  'setup.initialize': method({
    input: z.object({
      school: schoolProfileInputSchema,
      admin: z.object({ username: usernameSchema, displayName: requiredText(120, 'Họ và tên'), password: passwordSchema }),
    }),
    output: z.object({ school: schoolSchema, user: userSchema }),
    access: 'public',
    write: true,
  }),

  'auth.login': method({
    input: z.object({ username: z.string().min(1, { message: 'Vui lòng nhập tên đăng nhập' }), password: z.string().min(1, { message: 'Vui lòng nhập mật khẩu' }) }),
    output: z.object({ user: userSchema }),
    access: 'public',
    write: false,
  }),
  'auth.logout': method({ input: empty, output: ok, access: 'public', write: false }),
  'auth.me': method({ input: empty, output: z.object({ user: userSchema.nullable() }), access: 'public', write: false }),
  'auth.changePassword': method({
    input: z.object({ currentPassword: z.string().min(1), newPassword: passwordSchema }),
    output: ok,
    access: 'user',
    write: true,
  }),

  'school.get': method({ input: empty, output: schoolSchema, access: 'user', write: false }),
  'school.update': method({
    input: z.object({ expectedRev: z.number().int().nonnegative(), profile: schoolProfileInputSchema }),
    output: schoolSchema,
    access: ['admin'],
    write: true,
  }),

  'users.list': method({ input: empty, output: z.array(userSchema), access: ['admin'], write: false }),
  'users.add': method({ input: userInputSchema, output: userSchema, access: ['admin'], write: true }),
  'users.update': method({
    input: z.object({
      id: idSchema,
      displayName: requiredText(120, 'Họ và tên').optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
    }),
    output: userSchema,
    access: ['admin'],
    write: true,
  }),
  'users.resetPassword': method({
    input: z.object({ id: idSchema, password: passwordSchema }),
    output: ok,
    access: ['admin'],
    write: true,
  }),

  'db.check': method({
    input: empty,
    output: z.object({
      ok: z.boolean(),
      quickCheck: z.string(),
      journalMode: z.string(),
      schemaVersion: z.string(),
      appliedMigrations: z.array(z.string()),
      pendingChanges: z.number().int(),
    }),
    access: ['admin'],
    write: false,
  }),
} satisfies Record<string, MethodSpec>;

