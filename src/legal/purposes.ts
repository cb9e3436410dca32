/**
 * What the law asks a public online service to say about personal data (RGPD articles 13 and 14):
 * the purposes, their legal basis and recipients, as data. The full notice (`/donnees-personnelles`)
 * lists them all; the short notice at each point of collection (src/http/views/data-notice.ts) says
 * the one it serves and links to its section of the full notice — one wording, never two.
 */

export const NOTICE_PATH = '/donnees-personnelles';

/** The data controller and its data protection officer, as the notices name them. */
export const CONTROLLER = {
  name: 'la Caisse d’allocations familiales (Caf) de votre département, sous la coordination de la Caisse nationale des allocations familiales (Cnaf)',
  dpoPostal: 'Délégué à la protection des données, Cnaf, 32 avenue de la Sibelle, 75685 Paris Cedex 14',
} as const;

const PUBLIC_TASK = 'mission de service public confiée aux Caf par le code de la sécurité sociale (article 6.1.e du RGPD)';

/** Topics of collection, in the order the full notice lists them. */
export type PurposeId =
  | 'etat-civil'
  | 'titre-identite'
  | 'contact'
  | 'compte-bancaire'
  | 'demande'
  | 'justificatifs'
  | 'messages'
  | 'ecrire-caf'
  | 'securite';

export interface Purpose {
  id: PurposeId;
  /** the title of its section in the full notice */
  title: string;
  /** what is asked, in a few words */
  data: string;
  /** why it is asked (one sentence, shown at the point of collection) */
  why: string;
  /** why, when what is collected is a declaration (a change, a separation) rather than a request */
  whyDeclared?: string;
  legalBasis: string;
  recipients: string;
}

export const PURPOSES: readonly Purpose[] = [
  {
    id: 'etat-civil',
    title: 'Identité et numéro de sécurité sociale',
    data: 'numéro de sécurité sociale (NIR), civilité, noms, prénoms, date et lieu de naissance',
    why: 'Ces informations servent à vous identifier et à relier votre compte à votre dossier allocataire.',
    legalBasis: `${PUBLIC_TASK} ; l’usage du NIR est autorisé par le décret n° 2019-341 du 19 avril 2019`,
    recipients: 'les agents de votre Caf chargés de votre dossier',
  },
  {
    id: 'titre-identite',
    title: 'Titre d’identité',
    data: 'type et numéro de votre titre d’identité',
    why: 'Le numéro de votre titre d’identité sert à confirmer votre identité ; il n’est pas obligatoire.',
    legalBasis: PUBLIC_TASK,
    recipients: 'les agents de votre Caf chargés de votre dossier',
  },
  {
    id: 'contact',
    title: 'Coordonnées de contact',
    data: 'adresse mail ou numéro de téléphone portable',
    why: 'Vos coordonnées servent à vous envoyer les codes de sécurité et les avis sur vos démarches, jamais à des fins commerciales.',
    legalBasis: PUBLIC_TASK,
    recipients: 'les agents de votre Caf ; nos prestataires d’envoi de mails et de SMS, qui ne reçoivent que le message à transmettre',
  },
  {
    id: 'compte-bancaire',
    title: 'Coordonnées bancaires',
    data: 'IBAN et titulaire du compte',
    why: 'Votre IBAN sert à verser vos prestations sur votre compte.',
    legalBasis: PUBLIC_TASK,
    recipients: 'les agents de votre Caf ; la Banque de France et votre banque pour le virement',
  },
  {
    id: 'demande',
    title: 'Demandes de prestation et déclarations',
    data: 'réponses aux formulaires de demande (situation familiale, logement, ressources, activité), changements déclarés (adresse, séparation)',
    why: 'Vos réponses servent à étudier votre droit à la prestation demandée et à calculer son montant.',
    whyDeclared: 'Votre déclaration sert à mettre à jour votre dossier et à revoir, si besoin, vos droits et leur montant.',
    legalBasis: `${PUBLIC_TASK} ; vous devez déclarer tout changement de situation (obligation légale, article 6.1.c du RGPD)`,
    recipients:
      'les agents de votre Caf ; selon la prestation, le conseil départemental (RSA) ou la maison départementale des personnes handicapées (AAH)',
  },
  {
    id: 'justificatifs',
    title: 'Justificatifs envoyés',
    data: 'fichiers que vous envoyez (PDF, photos) et leur nom',
    why: 'Les justificatifs servent à vérifier les informations de votre demande ; seuls vous, les personnes qui gèrent le dossier et les agents de la Caf peuvent les ouvrir.',
    legalBasis: PUBLIC_TASK,
    recipients: 'les agents de votre Caf chargés de votre dossier',
  },
  {
    id: 'messages',
    title: 'Messages et questions à l’assistant',
    data: 'texte de vos messages et questions',
    why: 'Votre question sert seulement à vous répondre : les numéros, codes et adresses qu’elle contient sont masqués et elle n’est pas conservée.',
    legalBasis: PUBLIC_TASK,
    recipients: 'personne : la question n’est ni transmise ni gardée',
  },
  {
    id: 'ecrire-caf',
    title: 'Messages écrits à votre Caf',
    data: 'objet, texte de vos messages, fichiers joints, et les réponses de la Caf',
    why: 'Vos messages servent à vous répondre et à traiter votre dossier ; seuls vous et les agents de la Caf les lisent, sauf si vous choisissez de les partager avec ceux qui gèrent le dossier.',
    legalBasis: PUBLIC_TASK,
    recipients: 'les agents de votre Caf',
  },
  {
    id: 'securite',
    title: 'Sécurité de votre compte',
    data: 'mot de passe (chiffré, illisible même pour la Caf), connexions, adresse IP, navigateur, codes envoyés',
    why: 'Ces informations protègent votre compte contre les usurpations et permettent de comprendre un incident.',
    legalBasis: 'obligation de sécurité du traitement (article 32 du RGPD) et mission de service public (article 6.1.e du RGPD)',
    recipients: 'les équipes de sécurité de la Caf ; la justice sur réquisition',
  },
];

export function purpose(id: PurposeId): Purpose {
  const p = PURPOSES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown purpose ${id}`);
  return p;
}
