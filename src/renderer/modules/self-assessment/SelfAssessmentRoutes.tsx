import { Route, Routes } from 'react-router';
import { AssessmentListScreen } from './AssessmentListScreen';
import { WorkspaceScreen } from './WorkspaceScreen';

/** /self-assessment (the years) and /self-assessment/:id/:tab?/:code? (one year's workspace). */
export default function SelfAssessmentRoutes() {
  return (
    <Routes>
      <Route index element={<AssessmentListScreen />} />
      <Route path=":id/:tab?/:code?" element={<WorkspaceScreen />} />
    </Routes>
  );
}
