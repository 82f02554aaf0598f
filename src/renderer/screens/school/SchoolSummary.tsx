import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabel, ownershipLabel } from '../../labels';
import type { ProfileFormValues } from './profile-values';
import type { SiteFormValue } from './SitesEditor';

/**
 * The profile as read-only text: the profile screen's view mode and the wizard's review step,
 * so what the user confirms is laid out as it will later be shown.
 */
export function SchoolSummary({ profile, sitesTitle }: { profile: ProfileFormValues; sitesTitle?: string }) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">{t('common.notProvided')}</Typography.Text>;
  const value = (key: string, v: string | undefined) => <span data-testid={`profile-field-${key}`}>{v ? v : dash}</span>;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'name', label: t('school.name'), children: value('name', profile.name), span: 'filled' },
          { key: 'code', label: t('school.code'), children: value('code', profile.code) },
          {
            key: 'levels',
            label: t('school.levels'),
            children: (
              <span data-testid="profile-field-levels">
                {(profile.levels ?? []).map((l) => (
                  <Tag key={l} color="blue">
                    {levelLabel(t, l)}
                  </Tag>
                ))}
              </span>
            ),
          },
          {
            key: 'ownership',
            label: t('school.ownership'),
            children: value('ownership', profile.ownership ? ownershipLabel(t, profile.ownership) : ''),
          },
          { key: 'province', label: t('school.province'), children: value('province', profile.province) },
          { key: 'address', label: t('school.address'), children: value('address', profile.address), span: 'filled' },
          {
            key: 'managingBody',
            label: t('school.managingBody'),
            children: value('managingBody', profile.managingBody),
            span: 'filled',
          },
          { key: 'principal', label: t('school.principal'), children: value('principal', profile.principal) },
          { key: 'phone', label: t('school.phone'), children: value('phone', profile.phone) },
          { key: 'email', label: t('school.email'), children: value('email', profile.email) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {sitesTitle ?? t('school.sites')}
      </Typography.Title>
      <Table<SiteFormValue>
        data-testid="sites-table"
        size="small"
        pagination={false}
        rowKey={(s) => s.id ?? `${s.name}-${s.address}`}
        dataSource={profile.sites ?? []}
        locale={{ emptyText: t('sites.empty') }}
        columns={[
          {
            key: 'name',
            title: t('sites.name'),
            render: (_v, s) => (
              <>
                {s.name}{' '}
                {s.isMain && (
                  <Tag color="geekblue" style={{ marginInlineStart: 8 }}>
                    {t('sites.mainTag')}
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'address', title: t('sites.address'), dataIndex: 'address' },
        ]}
      />
    </>
  );
}
