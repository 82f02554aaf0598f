import { useTranslation } from 'react-i18next';
import { UnderConstruction } from '../../screens/UnderConstruction';

/**
 * The self-assessment module's screens, mounted at its nav path with a trailing /* (nested routes live
 * here). Its texts are under the "sa." key in ./i18n/{vi,en}.json.
 */
export function SelfAssessmentModule() {
  const { t } = useTranslation();
  return <UnderConstruction module={t('nav.selfAssessment')} />;
}
