import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../../i18n';

export function LanguagePanel() {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" style={{ maxWidth: 420 }}>
      <Form.Item label={t('language.label')}>
        <Radio.Group
          value={currentLanguage()}
          onChange={(e) => void setLanguage(e.target.value as Language)}
          data-testid="language-switch"
          options={[
            { value: 'vi', label: t('language.vi') },
            { value: 'en', label: t('language.en') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}
