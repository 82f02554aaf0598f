import { z } from 'zod';
import { educationLevelSchema, idSchema, ownershipSchema, requiredText, text } from './common';

const phone = text(20, 'Số điện thoại').refine((s) => s === '' || /^[0-9+().\s-]{6,20}$/.test(s), {
  message: 'Số điện thoại không hợp lệ',
});
const email = text(120, 'Email').refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
  message: 'Email không hợp lệ',
});

export const schoolSiteInputSchema = z.object({
  id: idSchema.optional(),
  name: requiredText(200, 'Tên điểm trường'),
  address: text(300, 'Địa chỉ').default(''),
  isMain: z.boolean().default(false),
});
export type SchoolSiteInput = z.input<typeof schoolSiteInputSchema>;

export const schoolProfileInputSchema = z.object({
  /** Mã trường in the sector database (CSDL ngành). */
  code: text(30, 'Mã trường').default(''),
  name: requiredText(200, 'Tên trường'),
  levels: z.array(educationLevelSchema).min(1, { message: 'Chọn ít nhất một cấp học' }),
  ownership: ownershipSchema.default('cong_lap'),
  address: text(300, 'Địa chỉ').default(''),
  province: text(100, 'Tỉnh/thành phố').default(''),
  managingBody: text(200, 'Cơ quan quản lý trực tiếp').default(''),
  principal: text(120, 'Hiệu trưởng').default(''),
  phone: phone.default(''),
  email: email.default(''),
  /** Absent on update = leave the sites as they are (rooms and assets point at site ids). */
  sites: z.array(schoolSiteInputSchema).max(50, { message: 'Tối đa 50 điểm trường' }).optional(),
});
export type SchoolProfileInput = z.input<typeof schoolProfileInputSchema>;

export const schoolSiteSchema = z.object({
  id: idSchema,
  name: z.string(),
  address: z.string(),
  isMain: z.boolean(),
});
export type SchoolSite = z.infer<typeof schoolSiteSchema>;

export const schoolSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  levels: z.array(educationLevelSchema),
  ownership: ownershipSchema,
  address: z.string(),
  province: z.string(),
  managingBody: z.string(),
  principal: z.string(),
  phone: z.string(),
  email: z.string(),
  sites: z.array(schoolSiteSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int(),
});
export type School = z.infer<typeof schoolSchema>;
