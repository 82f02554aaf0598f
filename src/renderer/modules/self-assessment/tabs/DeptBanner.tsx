import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDeptComments } from '../dept-comments';
import { useWorkspace } from '../shared';

/**
 * "Hồ sơ bị trả lại: N ý kiến cần trả lời" on the overview while the department's comments on
 * this assessment wait for an answer, with a link to the first one (the oldest: the server lists
 * them in the order they were written).
 */
export function DeptBanner() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { assessment, base } = useWorkspace();
  const dept = useDeptComments(assessment.id);
  const first = dept.firstUnanswered;
  if (!first) return null;
  const path = `${base}/criteria/${first.criterionCode}`;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="dept-banner"
      title={t('sa.dept.banner', { count: dept.unansweredTotal })}
      description={
        <a
          href={`#${path}`}
          data-testid="dept-banner-link"
          onClick={(e) => {
            e.preventDefault();
            navigate(path, { state: { deptComment: first.id } });
          }}
        >
          {t('sa.dept.bannerLink', { code: first.criterionCode })}
        </a>
      }
    />
  );
}
