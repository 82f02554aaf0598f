import { Route, Routes } from 'react-router';
import { FrameworkDetailScreen } from './FrameworkDetailScreen';
import { FrameworkListScreen } from './FrameworkListScreen';

/**
 * /frameworks (the list) and /frameworks/:id/:criterionCode? — one route for a framework with or
 * without a criterion keeps the browser (its search box, the trial levels) mounted while criteria
 * are opened. The legacy Mức 4 page is /frameworks/:id/muc-4.
 */
export default function FrameworksRoutes() {
  return (
    <Routes>
      <Route index element={<FrameworkListScreen />} />
      <Route path=":id/:criterionCode?" element={<FrameworkDetailScreen />} />
    </Routes>
  );
}
