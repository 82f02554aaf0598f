import { useMemo, useState } from 'react';
import { Alert, App, DatePicker, Form, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fold } from '../../../core/fold';
import type { InboxItem, ReviewStatus } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';

interface Values {
  lead?: string;
  members?: string[];
  deadline?: Dayjs | null;
}

interface Person {
  value: string;
  label: string;
}

const DATE_FORMAT = 'DD/MM/YYYY';

/** Vietnamese names are searched without their marks: "tran van an" finds "Trần Văn An". */
const matches = (input: string, option?: { label?: unknown }) => fold(String(option?.label ?? '')).includes(fold(input));

/**
 * "Phân công" (department admin): lead, members and deadline, picked from the accounts the
 * server says this admin may put on a team (`review.accounts`: inspectors and admins of its
 * subtree). People of the current assignment stay listed even if the server no longer offers
 * them; when the server cannot be reached the list falls back to people already seen in the inbox.
 */
export function AssignModal({
  item,
  inbox,
  status,
  onClose,
}: {
  item: InboxItem;
  inbox: InboxItem[];
  status: ReviewStatus;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const accounts = useApiQuery('review.accounts', {});
  const lead = Form.useWatch('lead', form);

  const people = useMemo<Person[]>(() => {
    const m = new Map<string, string>();
    for (const a of accounts.data ?? []) {
      const role = t(`rv.accountRole.${a.role}`, { defaultValue: a.role });
      m.set(a.id, `${a.displayName || a.username} (${a.username}) · ${role} · ${a.unit.name}`);
    }
    const known = (id: string, name: string) => {
      if (!m.has(id)) m.set(id, name || id);
    };
    const a = item.assignment;
    if (a) {
      known(a.leadId, a.leadName);
      for (const x of a.members) known(x.id, x.name);
    }
    if (!accounts.data) {
      if (status.account) known(status.account.id, status.account.displayName || status.account.username);
      for (const i of inbox) {
        if (!i.assignment) continue;
        known(i.assignment.leadId, i.assignment.leadName);
        for (const x of i.assignment.members) known(x.id, x.name);
      }
    }
    return [...m].map(([value, label]) => ({ value, label }));
  }, [accounts.data, item, inbox, status, t]);

  const assign = useApiMutation('review.assign', {
    onSuccess: (a) => {
      void message.success(t('rv.assign.done', { lead: a.leadName }));
      void queryClient.invalidateQueries({ queryKey: ['review.inbox'] });
      onClose();
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const leadId = v.lead!;
    assign.mutate({
      submissionId: item.submissionId,
      leadId,
      memberIds: (v.members ?? []).filter((m) => m !== leadId),
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    });
  };

  const a = item.assignment;
  return (
    <Modal
      open
      title={t('rv.assign.title', { school: item.schoolName })}
      okText={t('rv.assign.ok')}
      cancelText={t('rv.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'rv-assign-ok' }}
      destroyOnHidden
    >
      <div data-testid="rv-assign-modal">
        {accounts.error && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('rv.assign.noAccounts', { error: errorText(accounts.error, t, i18n.language) })}
            data-testid="rv-assign-no-accounts"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            lead: a?.leadId,
            members: a ? a.members.map((m) => m.id) : [],
            deadline: a?.deadline ? dayjs(a.deadline) : null,
          }}
        >
          <Form.Item
            name="lead"
            label={t('rv.assign.lead')}
            extra={t('rv.assign.hint')}
            rules={[{ required: true, message: t('rv.assign.leadRequired') }]}
          >
            <Select
              showSearch={{ filterOption: matches }}
              allowClear
              loading={accounts.isPending}
              placeholder={t('rv.assign.pick')}
              options={people}
              data-testid="rv-assign-lead"
              // The lead is not also a member.
              onChange={(id: string | undefined) =>
                id &&
                form.setFieldValue(
                  'members',
                  (form.getFieldValue('members') as string[] | undefined)?.filter((m) => m !== id),
                )
              }
            />
          </Form.Item>
          <Form.Item name="members" label={t('rv.assign.members')}>
            <Select
              mode="multiple"
              showSearch={{ filterOption: matches }}
              allowClear
              loading={accounts.isPending}
              placeholder={t('rv.assign.pickMany')}
              options={people.filter((p) => p.value !== lead)}
              data-testid="rv-assign-members"
            />
          </Form.Item>
          <Form.Item name="deadline" label={t('rv.assign.deadline')}>
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" style={{ width: 200 }} data-testid="rv-assign-deadline" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="rv-assign-error" />}
      </div>
    </Modal>
  );
}
