import { useState } from 'react';
import { Alert, Button, Card, Result, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { errorText } from '../../api/error-text';
import { useIsAdmin } from '../../boot/session';
import { formatDateTime } from '../../format/date';
import { SchoolSummary } from './SchoolSummary';
import { SchoolProfileForm } from './SchoolProfileForm';

/** Hồ sơ nhà trường: everyone reads it; only an admin edits it (the server enforces the same). */
export function SchoolProfileScreen() {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const school = useApiQuery('school.get', {});
  const [editing, setEditing] = useState(false);

  if (school.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (school.isError) return <Result status="warning" title={errorText(school.error, t, i18n.language)} />;
  const s = school.data;

  return (
    <Card
      data-testid="school-profile"
      title={editing ? t('profile.editTitle') : t('profile.title')}
      extra={
        !editing &&
        isAdmin && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      {editing && isAdmin ? (
        <SchoolProfileForm school={s} onDone={() => setEditing(false)} />
      ) : (
        <div data-testid="profile-view">
          {!isAdmin && (
            <Alert
              type="info"
              showIcon
              title={t('profile.readOnlyNote')}
              style={{ marginBottom: 16 }}
              data-testid="profile-readonly"
            />
          )}
          <SchoolSummary profile={s} sitesTitle={t('profile.sitesTitle')} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('school.updatedAt')}: {formatDateTime(s.updatedAt)}
          </Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}
