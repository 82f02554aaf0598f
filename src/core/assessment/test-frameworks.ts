/** Frameworks for the pure tests of this folder (the shipped data, parsed as the loader does). */
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import type { LevelsFramework, PointsFramework } from '../frameworks/framework.schema';
import { parseFramework } from '../frameworks/validate';

export const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
export const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;
export const qd4725 = parseFramework('qd4725-2022-cds.json', qdData) as PointsFramework;
