/**
 * The prestations a person can ask for online, by theme (the banner « Faites une demande de
 * prestation en ligne »), as data: each with its summary and description, who may ask for it (a
 * request for the whole household, or an individual request such as the AJPA, open to a conjoint
 * without procuration — src/household/permissions.ts decides), and its form (src/forms/definitions,
 * by slug). The prestation chosen is remembered through account creation and login
 * (src/http/intent.ts), then kept on the account as a brouillon (src/demarches/).
 */
export interface Theme {
  slug: string;
  title: string;
  description: string;
}

export interface Prestation {
  slug: string;
  theme: string;
  title: string;
  summary: string;
  /** what the prestation page says (who it is for, what is needed) */
  description: string;
  /** household: for the whole foyer (managers of the dossier); individual: the person alone */
  requester: 'household' | 'individual';
  /** declared on a page of its own in the personal space (no form of src/forms, no brouillon) */
  declaredAt?: string;
  /** false: not requested at the Caf (e.g. handicap → MDPH); the page explains where to go */
  online: boolean;
  elsewhere?: { label: string; text: string };
}

export const themes: Theme[] = [
  { slug: 'logement', title: 'Logement', description: 'Aides pour payer votre loyer ou votre prêt, déménagement.' },
  { slug: 'vie-personnelle', title: 'Vie personnelle', description: 'Famille, naissance, enfants, garde d’enfants.' },
  { slug: 'vie-professionnelle', title: 'Vie professionnelle', description: 'RSA, prime d’activité.' },
  { slug: 'accident-de-vie', title: 'Accident de vie', description: 'Proche aidant, séparation, décès.' },
  { slug: 'handicap', title: 'Handicap', description: 'Allocations liées au handicap, avec la MDPH.' },
];

const MDPH = {
  label: 'Maison départementale des personnes handicapées (MDPH)',
  text: 'La demande se fait auprès de la MDPH de votre département, qui transmet ensuite votre dossier à la Caf.',
};
const MDPH_DESCRIPTION =
  'Les aides liées au handicap sont attribuées après l’avis de la commission des droits et de l’autonomie de la MDPH. Vous remplissez un seul dossier à la MDPH, qui le transmet à la Caf : vous n’avez pas de formulaire à remplir sur Mon Compte.';

export const prestations: Prestation[] = [
  {
    slug: 'aide-au-logement',
    theme: 'logement',
    title: 'Aide au logement',
    summary: 'Une aide pour réduire le montant de votre loyer ou de vos mensualités d’emprunt.',
    description:
      'Locataire, colocataire, résident d’un foyer ou accédant à la propriété : l’aide au logement dépend de vos ressources, de votre loyer et de la composition de votre foyer. Préparez votre bail ou votre contrat de prêt, les coordonnées de votre bailleur et votre RIB.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'prime-de-demenagement',
    theme: 'logement',
    title: 'Prime de déménagement',
    summary: 'Pour les familles nombreuses qui déménagent à l’arrivée d’un 3e enfant.',
    description:
      'La prime de déménagement rembourse une partie des frais de déménagement des familles qui attendent ou ont au moins 3 enfants.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'prestation-naissance',
    theme: 'vie-personnelle',
    title: 'Prestation d’accueil du jeune enfant (naissance)',
    summary: 'La prime à la naissance et l’allocation de base pour votre enfant.',
    description:
      'La prime à la naissance est versée avant la naissance, sous conditions de ressources. Votre grossesse doit être déclarée avant la fin de la 14e semaine. Préparez la déclaration de grossesse remplie par votre médecin ou votre sage-femme.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'allocation-soutien-familial',
    theme: 'vie-personnelle',
    title: 'Allocation de soutien familial',
    summary: 'Pour le parent qui élève seul un enfant privé de l’aide de l’autre parent.',
    description:
      'Vous vivez seul(e) et élevez un enfant dont l’autre parent est décédé, ne l’a pas reconnu, ou ne verse pas (ou peu) de pension alimentaire.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'complement-mode-de-garde',
    theme: 'vie-personnelle',
    title: 'Complément de libre choix du mode de garde',
    summary: 'Une aide pour faire garder votre enfant de moins de 6 ans.',
    description: 'Une aide pour payer une assistante maternelle, une garde à domicile ou une micro-crèche.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'allocations-familiales',
    theme: 'vie-personnelle',
    title: 'Allocations familiales',
    summary: 'Pour les familles ayant au moins 2 enfants à charge.',
    description: 'Les allocations familiales sont versées aux familles qui ont au moins 2 enfants de moins de 20 ans à charge.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'rsa',
    theme: 'vie-professionnelle',
    title: 'Revenu de solidarité active (RSA)',
    summary: 'Un revenu minimum pour les personnes sans ressources ou à faibles ressources.',
    description:
      'Le RSA complète les ressources de votre foyer jusqu’à un montant minimum. Vous indiquerez l’activité et les ressources des 3 derniers mois de chaque adulte du foyer.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'prime-activite',
    theme: 'vie-professionnelle',
    title: 'Prime d’activité',
    summary: 'Un complément de revenus pour les travailleurs aux revenus modestes.',
    description:
      'La prime d’activité complète les revenus des personnes qui travaillent. Vous indiquerez l’activité et les ressources des 3 derniers mois de chaque adulte du foyer.',
    requester: 'household',
    online: true,
  },
  {
    slug: 'ajpa',
    theme: 'accident-de-vie',
    title: 'Allocation journalière du proche aidant',
    summary: 'Pour accompagner un proche en situation de handicap ou de perte d’autonomie.',
    description:
      'Vous prenez un congé de proche aidant pour aider un proche handicapé ou en perte d’autonomie : l’AJPA compense une partie du salaire perdu. C’est une demande personnelle : chaque membre du foyer peut la faire pour lui-même.',
    requester: 'individual',
    online: true,
  },
  {
    slug: 'declaration-separation',
    theme: 'accident-de-vie',
    title: 'Déclarer une séparation',
    summary: 'Signaler à la Caf un changement de situation familiale.',
    description: 'Signalez votre séparation à la Caf dès qu’elle a lieu : vos droits seront recalculés.',
    requester: 'individual',
    online: true,
    declaredAt: '/mon-espace/foyer/separation',
  },
  {
    slug: 'aah',
    theme: 'handicap',
    title: 'Allocation aux adultes handicapés (AAH)',
    summary: 'Un revenu minimum pour les personnes en situation de handicap.',
    description: MDPH_DESCRIPTION,
    requester: 'individual',
    online: false,
    elsewhere: MDPH,
  },
  {
    slug: 'aeeh',
    theme: 'handicap',
    title: 'Allocation d’éducation de l’enfant handicapé (AEEH)',
    summary: 'Pour aider à l’éducation et aux soins d’un enfant en situation de handicap.',
    description: MDPH_DESCRIPTION,
    requester: 'household',
    online: false,
    elsewhere: MDPH,
  },
];

/** The household's action (src/household/permissions.ts `Action`) of asking for this prestation. */
export function requestAction(p: Pick<Prestation, 'requester'>): 'request_individual_prestation' | 'request_household_prestation' {
  return p.requester === 'individual' ? 'request_individual_prestation' : 'request_household_prestation';
}

export function findTheme(slug: string): Theme | undefined {
  return themes.find((t) => t.slug === slug);
}

export function findPrestation(slug: string | undefined | null): Prestation | undefined {
  return slug ? prestations.find((p) => p.slug === slug) : undefined;
}

export function prestationsOf(themeSlug: string): Prestation[] {
  return prestations.filter((p) => p.theme === themeSlug);
}
