import { useMemo, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxItem, ReviewStatus } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation } from '../../api/hooks';

interface Values {
  lead: string[];
  members: string[];
  deadline?: string;
}

/**
 * "Phân công" (department admin): lead, members, deadline. The server has no account directory
 * for the workstation yet, so the choices are the people already seen in assignments (and this
 * account); another account is added by typing its id.
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

  const people = useMemo(() => {
    const m = new Map<string, string>();
    if (status.account) m.set(status.account.id, status.account.displayName || status.account.username);
    for (const i of inbox) {
      if (!i.assignment) continue;
      m.set(i.assignment.leadId, i.assignment.leadName);
      for (const x of i.assignment.members) m.set(x.id, x.name);
    }
    return [...m].map(([value, label]) => ({ value, label }));
  }, [inbox, status]);

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
    const leadId = v.lead[0]!;
    assign.mutate({
      submissionId: item.submissionId,
      leadId,
      memberIds: (v.members ?? []).filter((m) => m !== leadId),
      deadline: v.deadline || null,
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
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            lead: a ? [a.leadId] : [],
            members: a ? a.members.map((m) => m.id) : [],
            deadline: a?.deadline ?? '',
          }}
        >
          <Form.Item
            name="lead"
            label={t('rv.assign.lead')}
            extra={t('rv.assign.hint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('rv.assign.leadRequired') }]}
          >
            <Select mode="tags" maxCount={1} options={people} data-testid="rv-assign-lead" optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="members" label={t('rv.assign.members')}>
            <Select mode="tags" options={people} data-testid="rv-assign-members" optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="deadline" label={t('rv.assign.deadline')}>
            <Input type="date" data-testid="rv-assign-deadline" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="rv-assign-error" />}
      </div>
    </Modal>
  );
}
