import type { TFunction } from 'i18next';
import { EDUCATION_LEVELS, OWNERSHIPS, ROLES, type EducationLevel, type Ownership, type Role } from '../contract/schemas/common';

export const levelOptions = (t: TFunction) => EDUCATION_LEVELS.map((value) => ({ value, label: t(`levels.${value}`) }));
export const ownershipOptions = (t: TFunction) => OWNERSHIPS.map((value) => ({ value, label: t(`ownership.${value}`) }));
export const roleOptions = (t: TFunction) => ROLES.map((value) => ({ value, label: t(`roles.${value}`) }));

export const levelLabel = (t: TFunction, level: EducationLevel) => t(`levels.${level}`);
export const ownershipLabel = (t: TFunction, o: Ownership) => t(`ownership.${o}`);
export const roleLabel = (t: TFunction, role: Role) => t(`roles.${role}`);
