/**
 * How a decision refusing a prestation can be contested (« voies et délais de recours »), as data
 * beside the catalogue: a refusal that does not say how, before whom and within what delay it can be
 * contested does not start the delay (code de justice administrative, article R. 421-5). The route differs by
 * prestation; each has its legal source. A test checks that every prestation of the catalogue has
 * one. The sources are to be re-read by the Caf's legal service before production.
 */
export interface AppealRoute {
  /** the kind of recours, as the notification names it */
  kind: string;
  /** before whom */
  before: string;
  /** within what delay, from the notification of the decision */
  delay: string;
  /** how, in one sentence for the person */
  how: string;
  /** the legal source */
  source: string;
}

const CRA: AppealRoute = {
  kind: 'Recours amiable',
  before: 'la commission de recours amiable (CRA) de votre Caf',
  delay: 'deux mois à compter de la notification de la décision',
  how: 'Écrivez à votre Caf (courrier ou « Contacter ma Caf » dans Mon Compte) en expliquant pourquoi vous contestez la décision, avec la copie de la décision et vos justificatifs.',
  source: 'Code de la sécurité sociale, articles L. 142-4 et R. 142-1',
};

const RSA: AppealRoute = {
  kind: 'Recours administratif préalable obligatoire',
  before: 'le président du conseil départemental de votre département',
  delay: 'deux mois à compter de la notification de la décision',
  how: 'Écrivez au président du conseil départemental en expliquant pourquoi vous contestez la décision, avec la copie de la décision. Ce recours est obligatoire avant tout recours devant le tribunal administratif.',
  source: 'Code de l’action sociale et des familles, article L. 262-47',
};

const MDPH: AppealRoute = {
  kind: 'Recours administratif préalable obligatoire',
  before: 'la maison départementale des personnes handicapées (MDPH) qui a rendu la décision',
  delay: 'deux mois à compter de la notification de la décision',
  how: 'Écrivez à la MDPH en expliquant pourquoi vous contestez la décision de la commission des droits et de l’autonomie (CDAPH). Ce recours est obligatoire avant tout recours devant le tribunal.',
  source: 'Code de l’action sociale et des familles, articles L. 241-9 et R. 241-35',
};

/** By prestation slug (src/prestations/catalogue.ts). */
export const APPEAL_ROUTES: Readonly<Record<string, AppealRoute>> = {
  'aide-au-logement': CRA,
  'prime-de-demenagement': CRA,
  'prestation-naissance': CRA,
  'allocation-soutien-familial': CRA,
  'complement-mode-de-garde': CRA,
  'allocations-familiales': CRA,
  rsa: RSA,
  'prime-activite': CRA,
  ajpa: CRA,
  'declaration-separation': CRA,
  aah: MDPH,
  aeeh: MDPH,
};

export function appealRouteOf(slug: string): AppealRoute | undefined {
  return APPEAL_ROUTES[slug];
}

/** The route in one paragraph (the démarche's page, the message that tells a refusal). */
export function appealSentence(r: AppealRoute): string {
  return `Vous pouvez contester cette décision : ${r.kind.toLowerCase()} devant ${r.before}, dans un délai de ${r.delay}. ${r.how} (${r.source}.)`;
}
