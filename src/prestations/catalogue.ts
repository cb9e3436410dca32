/**
 * The prestations a person can ask for online, by theme (the banner « Faites une demande de
 * prestation en ligne »). The request forms themselves come later; the prestation chosen is
 * remembered through account creation and login (src/http/intent.ts), then kept on the account as
 * a démarche à compléter (src/demarches/) and shown in the personal space.
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

export const prestations: Prestation[] = [
  { slug: 'aide-au-logement', theme: 'logement', title: 'Aide au logement', summary: 'Une aide pour réduire le montant de votre loyer ou de vos mensualités d’emprunt.', online: true },
  { slug: 'prime-de-demenagement', theme: 'logement', title: 'Prime de déménagement', summary: 'Pour les familles nombreuses qui déménagent à l’arrivée d’un 3e enfant.', online: true },
  { slug: 'prestation-naissance', theme: 'vie-personnelle', title: 'Prestation d’accueil du jeune enfant (naissance)', summary: 'La prime à la naissance et l’allocation de base pour votre enfant.', online: true },
  { slug: 'complement-mode-de-garde', theme: 'vie-personnelle', title: 'Complément de libre choix du mode de garde', summary: 'Une aide pour faire garder votre enfant de moins de 6 ans.', online: true },
  { slug: 'allocations-familiales', theme: 'vie-personnelle', title: 'Allocations familiales', summary: 'Pour les familles ayant au moins 2 enfants à charge.', online: true },
  { slug: 'rsa', theme: 'vie-professionnelle', title: 'Revenu de solidarité active (RSA)', summary: 'Un revenu minimum pour les personnes sans ressources ou à faibles ressources.', online: true },
  { slug: 'prime-activite', theme: 'vie-professionnelle', title: 'Prime d’activité', summary: 'Un complément de revenus pour les travailleurs aux revenus modestes.', online: true },
  { slug: 'ajpa', theme: 'accident-de-vie', title: 'Allocation journalière du proche aidant', summary: 'Pour accompagner un proche en situation de handicap ou de perte d’autonomie.', online: true },
  { slug: 'declaration-separation', theme: 'accident-de-vie', title: 'Déclarer une séparation', summary: 'Signaler à la Caf un changement de situation familiale.', online: true },
  {
    slug: 'aah',
    theme: 'handicap',
    title: 'Allocation aux adultes handicapés (AAH)',
    summary: 'Un revenu minimum pour les personnes en situation de handicap.',
    online: false,
    elsewhere: {
      label: 'Maison départementale des personnes handicapées (MDPH)',
      text: 'La demande se fait auprès de la MDPH de votre département, qui transmet ensuite votre dossier à la Caf.',
    },
  },
  {
    slug: 'aeeh',
    theme: 'handicap',
    title: 'Allocation d’éducation de l’enfant handicapé (AEEH)',
    summary: 'Pour aider à l’éducation et aux soins d’un enfant en situation de handicap.',
    online: false,
    elsewhere: {
      label: 'Maison départementale des personnes handicapées (MDPH)',
      text: 'La demande se fait auprès de la MDPH de votre département, qui transmet ensuite votre dossier à la Caf.',
    },
  },
];

export function findTheme(slug: string): Theme | undefined {
  return themes.find((t) => t.slug === slug);
}

export function findPrestation(slug: string | undefined | null): Prestation | undefined {
  return slug ? prestations.find((p) => p.slug === slug) : undefined;
}

export function prestationsOf(themeSlug: string): Prestation[] {
  return prestations.filter((p) => p.theme === themeSlug);
}
