// Each module keeps its texts beside its screens (modules/<m>/i18n/{vi,en}.json, under its own
// top-level key) so modules can grow side by side; this list merges them into the bundle.
import frameworksEn from '../modules/frameworks/i18n/en.json';
import frameworksVi from '../modules/frameworks/i18n/vi.json';
import selfAssessmentEn from '../modules/self-assessment/i18n/en.json';
import selfAssessmentVi from '../modules/self-assessment/i18n/vi.json';
import evidenceEn from '../modules/evidence/i18n/en.json';
import evidenceVi from '../modules/evidence/i18n/vi.json';
import reportsEn from '../modules/reports/i18n/en.json';
import reportsVi from '../modules/reports/i18n/vi.json';
import assetsEn from '../modules/assets/i18n/en.json';
import assetsVi from '../modules/assets/i18n/vi.json';
import inventoryEn from '../modules/inventory/i18n/en.json';
import inventoryVi from '../modules/inventory/i18n/vi.json';
import syncEn from '../modules/sync/i18n/en.json';
import syncVi from '../modules/sync/i18n/vi.json';
import reviewEn from '../modules/review/i18n/en.json';
import reviewVi from '../modules/review/i18n/vi.json';

export const MODULE_RESOURCES: { vi: object; en: object }[] = [
  { vi: frameworksVi, en: frameworksEn },
  { vi: selfAssessmentVi, en: selfAssessmentEn },
  { vi: evidenceVi, en: evidenceEn },
  { vi: reportsVi, en: reportsEn },
  { vi: assetsVi, en: assetsEn },
  { vi: inventoryVi, en: inventoryEn },
  { vi: syncVi, en: syncEn },
  { vi: reviewVi, en: reviewEn },
];
