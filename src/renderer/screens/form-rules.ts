import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

/**
 * Checks a field with the contract's own zod schema, so the form refuses exactly what the
 * server would refuse, with the same (Vietnamese) message.
 */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'Không hợp lệ');
    },
  };
}

export function requiredRule(t: TFunction, labelKey: string): FormRule {
  return { required: true, whitespace: true, message: t('common.required', { field: t(labelKey).toLowerCase() }) };
}

/** "Nhập lại mật khẩu" must equal the field at `other`; pair it with `dependencies={[other]}`. */
export function sameAsRule(t: TFunction, other: (string | number)[] | string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value && value !== getFieldValue(other)) throw new Error(t('password.mismatch'));
    },
  });
}
