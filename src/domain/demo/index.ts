/** Demo data: a deterministic, fictional district 民生实事 programme. */
export {
  DEFAULT_DEMO_SEED,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  type DemoLogin,
  type DemoOptions,
  districtCount,
  generateDemoDataset,
  generateDemoParts,
} from './generate';
