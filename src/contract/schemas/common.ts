import { z } from 'zod';

/** Education levels the app knows; frameworks and schools refer to these codes. */
export const EDUCATION_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'gdtx'] as const;
export const educationLevelSchema = z.enum(EDUCATION_LEVELS);
export type EducationLevel = z.infer<typeof educationLevelSchema>;

export const OWNERSHIPS = ['cong_lap', 'tu_thuc', 'dan_lap'] as const;
export const ownershipSchema = z.enum(OWNERSHIPS);
export type Ownership = z.infer<typeof ownershipSchema>;

/** Local account roles; permissions per role live in src/core/permissions.ts. */
export const ROLES = ['admin', 'council_member', 'secretary', 'equipment_officer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = z.string().uuid({ message: 'Mã định danh không hợp lệ' });
export const isoDateTimeSchema = z.string();

/** Trim and NFC-normalise text so the same Vietnamese word is stored the same way. */
export const text = (max: number, label: string) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, { message: `${label} dài quá ${max} ký tự` }));

export const requiredText = (max: number, label: string) =>
  z
    .string({ message: `Vui lòng nhập ${label.toLowerCase()}` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { message: `Vui lòng nhập ${label.toLowerCase()}` })
        .max(max, { message: `${label} dài quá ${max} ký tự` }),
    );
