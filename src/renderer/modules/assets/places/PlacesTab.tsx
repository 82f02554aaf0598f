import { useMemo, useState, type HTMLAttributes } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  BUILDING_GRADES,
  CONSTRUCTION_TYPES,
  ROOM_STATUSES,
  type Building,
  type Room,
} from '../../../../contract/schemas/assets';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { errorText } from '../../../api/error-text';
import { useCurrentUser } from '../../../boot/session';
import { EventModal } from '../register/EventModals';
import { canEditAssets, count, labelIn, moneyInputProps, useCatalogs, useRefreshAssets, type Catalogs } from '../shared';

/** '' = every room of the site; '__none__' = rooms outside any building. */
type BuildingKey = string;

/**
 * Phòng & nhà: the school's sites (from the school profile) → buildings (công trình, with
 * grade and construction type) → rooms (type per the TT 13/2020 catalog, area, seats…).
 */
export function PlacesTab() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const school = useApiQuery('school.get', {});
  const sites = school.data?.sites ?? [];
  const [siteId, setSiteId] = useState<string | null>(null);
  const site = siteId ?? sites.find((s) => s.isMain)?.id ?? sites[0]?.id ?? null;
  const buildings = useApiQuery('buildings.list', site ? { siteId: site } : {}, { enabled: !!site });
  const rooms = useApiQuery('rooms.list', site ? { siteId: site } : {}, { enabled: !!site });
  const [building, setBuilding] = useState<BuildingKey>('');
  const [editBuilding, setEditBuilding] = useState<Building | 'new' | null>(null);
  const [editRoom, setEditRoom] = useState<Room | 'new' | null>(null);
  const catalogs = useCatalogs().data;

  if (school.isPending) return <Skeleton active />;
  if (!site) return <Empty description={t('as.places.noSites')} />;

  const shownRooms = (rooms.data ?? []).filter((r) =>
    building === '' ? true : building === '__none__' ? r.buildingId === null : r.buildingId === building,
  );
  const withoutBuilding = (rooms.data ?? []).filter((r) => r.buildingId === null).length;

  return (
    <div data-testid="as-places">
      {sites.length > 1 && (
        <Segmented
          value={site}
          onChange={(v) => {
            setSiteId(String(v));
            setBuilding('');
          }}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
          style={{ marginBottom: 12 }}
          data-testid="as-places-site"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={7} xxl={6}>
          <Card
            size="small"
            title={t('as.places.buildings')}
            extra={
              editor && (
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setEditBuilding('new')}
                  data-testid="as-building-add"
                >
                  {t('as.places.addBuilding')}
                </Button>
              )
            }
          >
            {buildings.isPending ? (
              <Skeleton active />
            ) : buildings.isError ? (
              <Typography.Text type="danger">{errorText(buildings.error, t, i18n.language)}</Typography.Text>
            ) : (
              <div role="listbox" aria-label={t('as.places.buildings')}>
                <BuildingItem
                  active={building === ''}
                  onClick={() => setBuilding('')}
                  title={t('as.places.allRooms')}
                  subtitle={t('as.places.roomCount', { n: rooms.data?.length ?? 0 })}
                />
                {(buildings.data ?? []).map((b) => (
                  <BuildingItem
                    key={b.id}
                    active={building === b.id}
                    onClick={() => setBuilding(b.id)}
                    title={b.code ? `${b.code} — ${b.name}` : b.name}
                    subtitle={[
                      t(`as.construction.${b.constructionType}`),
                      b.grade ? t('as.places.grade', { grade: t(`as.grades.${b.grade}`) }) : null,
                      t('as.places.roomCount', { n: b.roomCount }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                    onEdit={editor ? () => setEditBuilding(b) : undefined}
                    testId={`as-building-${b.code || b.name}`}
                  />
                ))}
                {withoutBuilding > 0 && (buildings.data ?? []).length > 0 && (
                  <BuildingItem
                    active={building === '__none__'}
                    onClick={() => setBuilding('__none__')}
                    title={t('as.places.noBuilding')}
                    subtitle={t('as.places.roomCount', { n: withoutBuilding })}
                  />
                )}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17} xxl={18}>
          <Card
            size="small"
            title={t('as.places.rooms')}
            extra={
              editor && (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setEditRoom('new')}
                  data-testid="as-room-add"
                >
                  {t('as.places.addRoom')}
                </Button>
              )
            }
          >
            <RoomsTable rooms={shownRooms} loading={rooms.isPending} catalogs={catalogs} editor={editor} onEdit={setEditRoom} />
          </Card>
        </Col>
      </Row>
      {editBuilding && (
        <BuildingModal
          siteId={site}
          building={editBuilding === 'new' ? null : editBuilding}
          catalogs={catalogs}
          onClose={() => setEditBuilding(null)}
        />
      )}
      {editRoom && (
        <RoomModal
          siteId={site}
          room={editRoom === 'new' ? null : editRoom}
          buildings={buildings.data ?? []}
          defaultBuildingId={building && building !== '__none__' ? building : null}
          catalogs={catalogs}
          onClose={() => setEditRoom(null)}
        />
      )}
    </div>
  );
}

function BuildingItem({
  active,
  onClick,
  title,
  subtitle,
  onEdit,
  testId,
}: {
  active: boolean;
  onClick: () => void;
  title: string;
  subtitle: string;
  onEdit?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="option"
      aria-selected={active}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onClick()}
      data-testid={testId}
      style={{
        padding: '8px 10px',
        borderRadius: 6,
        cursor: 'pointer',
        background: active ? '#e6f0ff' : undefined,
        borderInlineStart: active ? '3px solid #1d4f91' : '3px solid transparent',
        marginBottom: 2,
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {title}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {subtitle}
            </Typography.Text>
          </div>
        </div>
        {onEdit && (
          <Button
            size="small"
            type="text"
            icon={<EditOutlined aria-hidden />}
            aria-label={t('common.edit')}
            onClick={(e) => {
              e.stopPropagation();
              onEdit();
            }}
          />
        )}
      </Flex>
    </div>
  );
}

function RoomsTable({
  rooms,
  loading,
  catalogs,
  editor,
  onEdit,
}: {
  rooms: Room[];
  loading: boolean;
  catalogs: Catalogs | undefined;
  editor: boolean;
  onEdit: (r: Room) => void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApi();
  const { message } = App.useApp();
  const refresh = useRefreshAssets();
  const remove = async (r: Room) => {
    try {
      await client.call('rooms.remove', { id: r.id });
      await refresh();
      void message.success(t('as.places.roomRemoved', { code: r.code }));
    } catch (err) {
      void message.error(errorText(err, t, i18n.language));
    }
  };
  const columns: TableColumnsType<Room> = [
    {
      key: 'code',
      title: t('as.places.roomCode'),
      width: 120,
      render: (_, r) => <Typography.Text strong>{r.code}</Typography.Text>,
    },
    {
      key: 'name',
      title: t('as.places.roomName'),
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              labelIn(catalogs?.roomTypes, r.roomType),
              r.buildingName,
              r.floor !== null ? t('as.places.floorN', { n: r.floor }) : null,
              r.seats !== null ? t('as.places.seatsN', { n: r.seats }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'area',
      title: t('as.places.area'),
      width: 90,
      align: 'right',
      render: (_, r) => (r.areaM2 !== null ? `${r.areaM2} m²` : ''),
    },
    {
      key: 'assets',
      title: t('as.places.assets'),
      width: 90,
      align: 'right',
      render: (_, r) => (
        <div>
          {count(r.assetCount)}
          {r.pcCount > 0 && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('as.places.pcsN', { n: r.pcCount })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'status',
      title: t('as.places.status'),
      width: 130,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Tag
            color={r.status === 'in_use' ? 'green' : r.status === 'under_repair' ? 'orange' : 'default'}
            style={{ marginInlineEnd: 0 }}
          >
            {t(`as.roomStatus.${r.status}`)}
          </Tag>
          {r.effectiveConstructionType && (
            <Tag style={{ marginInlineEnd: 0 }}>{t(`as.construction.${r.effectiveConstructionType}`)}</Tag>
          )}
        </Flex>
      ),
    },
  ];
  if (editor)
    columns.push({
      key: 'actions',
      width: 84,
      render: (_, r) => (
        <Flex gap={2}>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined aria-hidden />}
            aria-label={t('common.edit')}
            onClick={() => onEdit(r)}
            data-testid={`as-room-edit-${r.code}`}
          />
          <Popconfirm
            title={t('as.places.removeRoom', { code: r.code })}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void remove(r)}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('common.remove')} />
          </Popconfirm>
        </Flex>
      ),
    });
  return (
    <Table<Room>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rooms}
      loading={loading}
      pagination={rooms.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 700 }}
      locale={{ emptyText: t('as.places.noRooms') }}
      onRow={(r) => ({ 'data-testid': `as-room-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
      data-testid="as-rooms-table"
    />
  );
}

function BuildingModal({
  siteId,
  building,
  catalogs,
  onClose,
}: {
  siteId: string;
  building: Building | null;
  catalogs: Catalogs | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useApi();
  const initial = building ?? { constructionType: 'kien_co', grade: null };
  return (
    <EventModal
      title={building ? t('as.places.editBuilding') : t('as.places.addBuilding')}
      testId="as-building-modal"
      initial={{ ...initial, date: undefined }}
      onClose={onClose}
      onSubmit={async (v) => {
        const input = {
          siteId,
          code: String(v.code ?? '').trim(),
          name: String(v.name ?? '').trim(),
          grade: (v.grade as Building['grade']) ?? null,
          constructionType: v.constructionType as Building['constructionType'],
          floors: (v.floors as number | null) ?? null,
          floorAreaM2: (v.floorAreaM2 as number | null) ?? null,
          yearInUse: (v.yearInUse as number | null) ?? null,
          costVnd: (v.costVnd as number | null) ?? null,
          fundingSource: (v.fundingSource as Building['fundingSource']) ?? null,
          note: String(v.note ?? '').trim(),
        };
        if (building) await client.call('buildings.update', { id: building.id, expectedRev: building.rev, building: input });
        else await client.call('buildings.add', input);
      }}
    >
      <Row gutter={12}>
        <Col xs={8}>
          <Form.Item name="code" label={t('as.places.buildingCode')}>
            <Input data-testid="as-building-code" />
          </Form.Item>
        </Col>
        <Col xs={16}>
          <Form.Item
            name="name"
            label={t('as.places.buildingName')}
            rules={[{ required: true, whitespace: true, message: t('as.form.required', { field: t('as.places.buildingName') }) }]}
          >
            <Input data-testid="as-building-name" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="constructionType" label={t('as.places.constructionType')} rules={[{ required: true }]}>
            <Select
              options={CONSTRUCTION_TYPES.map((c) => ({ value: c, label: t(`as.construction.${c}`) }))}
              data-testid="as-building-construction"
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="grade" label={t('as.places.gradeLabel')}>
            <Select allowClear options={BUILDING_GRADES.map((g) => ({ value: g, label: t(`as.grades.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="floors" label={t('as.places.floors')}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="floorAreaM2" label={t('as.places.floorArea')}>
            <InputNumber min={0} style={{ width: '100%' }} suffix="m²" />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="yearInUse" label={t('as.places.yearInUse')}>
            <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="costVnd" label={t('as.fields.costVnd')}>
            <InputNumber {...moneyInputProps} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="fundingSource" label={t('as.fields.fundingSource')}>
            <Select allowClear options={(catalogs?.fundingSources ?? []).map((f) => ({ value: f.code, label: f.label }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('as.fields.notes')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>
    </EventModal>
  );
}

function RoomModal({
  siteId,
  room,
  buildings,
  defaultBuildingId,
  catalogs,
  onClose,
}: {
  siteId: string;
  room: Room | null;
  buildings: Building[];
  defaultBuildingId: string | null;
  catalogs: Catalogs | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useApi();
  const school = useApiQuery('school.get', {});
  const levels = new Set<string>(school.data?.levels ?? []);
  const typeOptions = useMemo(
    () =>
      (catalogs?.blocks ?? [])
        .filter((b) => levels.size === 0 || b.levels.some((l) => levels.has(l)))
        .map((b) => ({
          label: b.label,
          title: b.label,
          options: (catalogs?.roomTypes ?? [])
            .filter((r) => r.block === b.code && (levels.size === 0 || r.levels.some((l) => levels.has(l))))
            .map((r) => ({ value: r.code, label: r.label })),
        }))
        .filter((g) => g.options.length > 0),
    [catalogs, school.data],
  );
  const initial = room ?? { buildingId: defaultBuildingId, roomType: 'phong_hoc', status: 'in_use', internet: false };
  return (
    <EventModal
      title={room ? t('as.places.editRoom', { code: room.code }) : t('as.places.addRoom')}
      testId="as-room-modal"
      width={720}
      initial={{ ...initial, date: undefined }}
      onClose={onClose}
      onSubmit={async (v) => {
        const roomType = String(v.roomType ?? 'phong_khac');
        const input = {
          siteId,
          buildingId: (v.buildingId as string | null) ?? null,
          code: String(v.code ?? '').trim(),
          name: String(v.name ?? '').trim(),
          floor: (v.floor as number | null) ?? null,
          block: catalogs?.roomTypes.find((r) => r.code === roomType)?.block ?? '',
          roomType,
          areaM2: (v.areaM2 as number | null) ?? null,
          seats: (v.seats as number | null) ?? null,
          constructionType: (v.constructionType as Room['constructionType']) ?? null,
          meetsTt14: (v.meetsTt14 as boolean | null) ?? null,
          personInCharge: String(v.personInCharge ?? '').trim(),
          internet: !!v.internet,
          status: (v.status as Room['status']) ?? 'in_use',
          inUseFromYear: (v.inUseFromYear as number | null) ?? null,
          inUseToYear: (v.inUseToYear as number | null) ?? null,
          note: String(v.note ?? '').trim(),
        };
        if (room) await client.call('rooms.update', { id: room.id, expectedRev: room.rev, room: input });
        else await client.call('rooms.add', input);
      }}
    >
      <Row gutter={12}>
        <Col xs={8}>
          <Form.Item
            name="code"
            label={t('as.places.roomCode')}
            rules={[{ required: true, whitespace: true, message: t('as.form.required', { field: t('as.places.roomCode') }) }]}
          >
            <Input data-testid="as-room-code" />
          </Form.Item>
        </Col>
        <Col xs={16}>
          <Form.Item
            name="name"
            label={t('as.places.roomName')}
            rules={[{ required: true, whitespace: true, message: t('as.form.required', { field: t('as.places.roomName') }) }]}
          >
            <Input data-testid="as-room-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="roomType" label={t('as.places.roomType')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={typeOptions}
              data-testid="as-room-type"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
        <Col xs={16} md={8}>
          <Form.Item name="buildingId" label={t('as.places.building')}>
            <Select
              allowClear
              placeholder={t('as.places.noBuilding')}
              options={buildings.map((b) => ({ value: b.id, label: b.code ? `${b.code} — ${b.name}` : b.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="floor" label={t('as.places.floor')}>
            <InputNumber min={-5} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="areaM2" label={t('as.places.area')}>
            <InputNumber min={0} style={{ width: '100%' }} suffix="m²" data-testid="as-room-area" />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="seats" label={t('as.places.seats')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="status" label={t('as.places.status')}>
            <Select options={ROOM_STATUSES.map((s) => ({ value: s, label: t(`as.roomStatus.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="constructionType" label={t('as.places.constructionType')} extra={t('as.places.constructionHint')}>
            <Select allowClear options={CONSTRUCTION_TYPES.map((c) => ({ value: c, label: t(`as.construction.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="meetsTt14" label={t('as.places.meetsTt14')}>
            <Select
              allowClear
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="personInCharge" label={t('as.places.personInCharge')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="internet" valuePropName="checked" label=" ">
            <Checkbox>{t('as.places.internet')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('as.fields.notes')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>
    </EventModal>
  );
}
