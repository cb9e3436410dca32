export {
  TEST_CITIZENS,
  FRANCE_COUNTRY_CODE,
  findCitizen,
  computeNirKey,
  isNirKeyValid,
  type TestCitizen,
  type Gender,
} from './citizens';
export {
  generateStandinKeys,
  exportStandinKeys,
  importStandinKeys,
  type StandinAlg,
  type StandinKeys,
  type StoredStandinKeys,
} from './keys';
export {
  buildStandinProvider,
  startStandinProvider,
  pairwiseSubject,
  AUTHORIZATION_CODE_TTL_SECONDS,
  ACCESS_TOKEN_TTL_SECONDS,
  ID_TOKEN_TTL_SECONDS,
  SUPPORTED_ACR_VALUES,
  type StandinClient,
  type StandinProviderOptions,
  type RunningStandin,
} from './provider';
export { DEVELOPMENT_SUBJECT_SECRET } from './context';
export { STANDIN_TITLE } from './pages';
export { simulateCitizenLogin, type CitizenChoice, type SimulatedLogin } from './simulate';
export { DEV_CLIENT, startStandinForApp } from './main';
