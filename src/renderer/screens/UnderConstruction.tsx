import { Card, Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Placeholder for a module whose route exists but whose screens are not built yet. */
export function UnderConstruction({ module }: { module: string }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="under-construction">
      <Result
        icon={<ToolOutlined style={{ color: '#8c9bb5' }} />}
        title={t('underConstruction.title')}
        subTitle={t('underConstruction.subtitle', { module })}
      />
    </Card>
  );
}
