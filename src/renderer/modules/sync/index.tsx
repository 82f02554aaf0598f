import { useTranslation } from 'react-i18next';
import { UnderConstruction } from '../../screens/UnderConstruction';

/**
 * The sync module's screens, mounted at its nav path with a trailing /* (nested routes live
 * here). Its texts are under the "sy." key in ./i18n/{vi,en}.json.
 */
export function SyncModule() {
  const { t } = useTranslation();
  return <UnderConstruction module={t('nav.sync')} />;
}
