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
  startStandinProvider,
  pairwiseSubject,
  AUTHORIZATION_CODE_TTL_SECONDS,
  ACCESS_TOKEN_TTL_SECONDS,
  ID_TOKEN_TTL_SECONDS,
  DEVELOPMENT_SUBJECT_SECRET,
  MIN_STATE_NONCE_LENGTH,
  SUPPORTED_ACR_VALUES,
  type StandinClient,
  type StandinProviderOptions,
  type RunningStandin,
} from './provider';
export { STANDIN_TITLE } from './pages';
export { simulateCitizenLogin, simulateLogout, type CitizenChoice, type SimulatedLogin } from './simulate';
export { DEV_CLIENT, startStandinForApp } from './main';
