import { Button, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { levelLabel, ownershipLabel } from '../../labels';

export function OverviewScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const school = useApiQuery('school.get', {});
  const s = school.data;
  return (
    <Row gutter={[24, 24]} data-testid="overview">
      <Col span={24}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('overview.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('overview.intro')}</Typography.Paragraph>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={t('overview.schoolCard')}
          loading={school.isPending}
          extra={
            <Button type="link" onClick={() => navigate('/school')}>
              {t('overview.openProfile')}
            </Button>
          }
        >
          {s && (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: t('school.name'), children: s.name },
                {
                  key: 'levels',
                  label: t('school.levels'),
                  children: s.levels.map((l) => <Tag key={l}>{levelLabel(t, l)}</Tag>),
                },
                { key: 'ownership', label: t('school.ownership'), children: ownershipLabel(t, s.ownership) },
                { key: 'principal', label: t('school.principal'), children: s.principal || '—' },
                { key: 'sites', label: t('school.sites'), children: s.sites.length },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
