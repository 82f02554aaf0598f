import { z } from 'zod';
import { idSchema, requiredText, roleSchema } from './common';

export const usernameSchema = z
  .string({ message: 'Vui lòng nhập tên đăng nhập' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, { message: 'Tên đăng nhập cần ít nhất 3 ký tự' })
      .max(40, { message: 'Tên đăng nhập dài quá 40 ký tự' })
      .regex(/^[a-z0-9._-]+$/, { message: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang' }),
  );

export const passwordSchema = z
  .string({ message: 'Vui lòng nhập mật khẩu' })
  .min(8, { message: 'Mật khẩu cần ít nhất 8 ký tự' })
  .max(200, { message: 'Mật khẩu dài quá 200 ký tự' });

export const userInputSchema = z.object({
  username: usernameSchema,
  displayName: requiredText(120, 'Họ và tên'),
  role: roleSchema,
  password: passwordSchema,
});
export type UserInput = z.input<typeof userInputSchema>;

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
