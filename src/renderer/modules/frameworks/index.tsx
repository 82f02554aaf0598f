import { useTranslation } from 'react-i18next';
import { UnderConstruction } from '../../screens/UnderConstruction';

/**
 * The frameworks module's screens, mounted at its nav path with a trailing /* (nested routes live
 * here). Its texts are under the "fw." key in ./i18n/{vi,en}.json.
 */
export function FrameworksModule() {
  const { t } = useTranslation();
  return <UnderConstruction module={t('nav.frameworks')} />;
}
