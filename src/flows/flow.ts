import { AppError } from '../errors/app-error';
import type { Machine } from './machine';

/**
 * The one flow model (after Ory Kratos's self-service flows): what lies between two steps of a
 * journey a person drives, kept on the server. The browser (an HttpOnly cookie) or the API client
 * holds a random 256-bit token; the row's id is its SHA-256, so a copy of the table gives no usable
 * token. Every kind declares its states in its own `machine.ts` and its life here (`FlowKind`).
 */
export interface Flow<S extends string = string, D = unknown> {
  /** SHA-256 of the token (the token itself is never stored) */
  id: string;
  kind: string;
  state: S;
  data: D;
  version: number;
  accountId: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export interface FlowKind<S extends string, E extends string, D> {
  /** the kind's states and transitions; its name is the stored `kind` */
  machine: Machine<S, E>;
  /** how long a flow lives: after the last thing the person did (sliding) or after it was created (fixed) */
  ttlMs: number;
  expiry: 'sliding' | 'fixed';
  /** the kind's name in the shared messages: « Votre {label} a expiré » */
  label: string;
  /** the page where the person starts again (the HTTP layer may offer it beside a flow error) */
  restartPath: string;
  /** for the shape of `data`: only used by types */
  readonly data?: D;
}

/** A kind of flow holding `D`: `defineFlowKind<MyData>()({ machine, ttlMs, expiry, label, restartPath })`. */
export function defineFlowKind<D>() {
  return <S extends string, E extends string>(k: Omit<FlowKind<S, E, D>, 'data'>): FlowKind<S, E, D> => k;
}

export type FlowErrorCode = 'FLOW_NOT_FOUND' | 'FLOW_EXPIRED' | 'FLOW_CONFLICT' | 'FLOW_WRONG_STATE';

/** A flow refused: one of four codes, worded once, with the kind's name and restart page. */
export class FlowError extends AppError {
  readonly kind: string;
  readonly restartPath: string;
  constructor(code: FlowErrorCode, kind: Pick<FlowKind<string, string, unknown>, 'label' | 'restartPath' | 'machine'>) {
    super(code);
    this.message = this.message.replace('{flow}', kind.label);
    this.kind = kind.machine.name;
    this.restartPath = kind.restartPath;
  }
}

export function isFlowError(e: unknown, code?: FlowErrorCode): e is FlowError {
  return e instanceof FlowError && (code === undefined || e.code === code);
}

/**
 * Runs a move of a flow (advance, save, finish): false when another request moved it first
 * (FLOW_CONFLICT) or its state no longer allows it (FLOW_WRONG_STATE) — for use cases that answer
 * « expired, start again » rather than throw.
 */
export async function flowMoved(move: () => Promise<unknown>): Promise<boolean> {
  try {
    await move();
    return true;
  } catch (e) {
    if (isFlowError(e, 'FLOW_CONFLICT') || isFlowError(e, 'FLOW_WRONG_STATE')) return false;
    throw e;
  }
}
