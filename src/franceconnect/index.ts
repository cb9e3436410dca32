export {
  createFranceConnectClient,
  isAcrSufficient,
  FRANCECONNECT_SCOPES,
  type FranceConnectClient,
  type FranceConnectConfig,
  type FranceConnectLogin,
  type FinishLoginResult,
  type LoginStart,
  type ExpectedLogin,
  type CallbackInput,
  type EidasLevel,
} from './client';
export {
  FC_ERROR_CATALOGUE,
  FranceConnectError,
  fcError,
  type FranceConnectErrorCode,
  type FranceConnectErrorInfo,
  type FranceConnectResult,
} from './errors';
export { parseIdentity, type FranceConnectIdentity } from './identity';
