import type { ErrorEntry } from '../errors/registry';

/**
 * The four ways a flow can be refused, the same for every kind of flow: one code and one French
 * wording each. `{flow}` is the kind's own name (« session de création de compte », « connexion »…),
 * put in by FlowError; pages may add the kind's own « recommencer » link.
 */
export const flowErrors = {
  FLOW_NOT_FOUND: {
    status: 404,
    message: 'Impossible de retrouver votre {flow}. Merci de recommencer.',
    support: 'No flow of this kind for this token (never created, already used and deleted, or swept a day after expiry).',
  },
  FLOW_EXPIRED: {
    status: 410,
    message: 'Votre {flow} a expiré. Pour protéger vos informations, elles ont été effacées : merci de recommencer.',
    support: 'Flow past expires_at (sliding or fixed per kind, see src/journeys/kinds.ts).',
  },
  FLOW_CONFLICT: {
    status: 409,
    message: 'Vos informations ont été modifiées entre-temps (dans un autre onglet, par exemple). Vérifiez-les et recommencez cette étape.',
    support: 'Optimistic concurrency: the flow version changed since it was read (two tabs, a replayed request).',
  },
  FLOW_WRONG_STATE: {
    status: 409,
    message: 'Cette action n’est pas possible à cette étape de votre {flow}. Reprenez là où vous en étiez.',
    support: 'Event not allowed in the current state of the flow machine (stale page, replayed request).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof flowErrors> {}
}
