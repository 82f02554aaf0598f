import { Route, Routes } from 'react-router';
import { AssetsScreen } from './AssetsScreen';

export default function AssetsRoutes() {
  return (
    <Routes>
      <Route path=":tab?" element={<AssetsScreen />} />
    </Routes>
  );
}
