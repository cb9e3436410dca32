/**
 * The words of the analyser (see analyser.ts), all written folded (lower case, no accents).
 * Kept as data: adding a spelling people use is a one-line change here, never in the index.
 */

/** Elided articles and pronouns: « l'identifiant » → « identifiant ». */
export const ELISIONS = ['l', 'd', 'j', 'm', 't', 's', 'n', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'];

/** Several words people write as one idea, rewritten before the text is cut into words. */
export const PHRASES: [RegExp, string][] = [
  [/\bfrance\s*-?\s*connect\b/g, ' franceconnect '],
  [/\bmots?\s*(de|2|d)\s*pass?e?s?\b/g, ' motdepasse '],
  [/\bmot\s*passe\b/g, ' motdepasse '],
  [/\bnumero\s*(de\s*)?(la\s*)?secu(rite)?(\s*sociale)?\b/g, ' nir '],
  [/\bn\s*°\s*(de\s*)?secu(rite)?(\s*sociale)?\b/g, ' nir '],
  [/\bsecurite\s*sociale\b/g, ' nir '],
  [/\bcarte\s*(d\s*'?\s*)?identite\b/g, ' cni '],
  [/\bcarte\s*(de\s*)?sejour\b/g, ' titresejour '],
  [/\btitre\s*(de\s*)?sejour\b/g, ' titresejour '],
  [/\bnumero\s*(d\s*'?\s*|de\s*l\s*'?\s*)?allocataire\b/g, ' numeroallocataire '],
  [/\bn\s*°/g, ' numero '],
  [/\barrive\s*pas\s*(a|de)\b/g, ' impossible '],
  [/\bqu\s*'?\s*est\s*-?\s*ce\s*(que|qu)?\b/g, ' '],
  [/\bplus\s*de\s*15\s*ans\b/g, ' enfant '],
  [/\ba\s*charge\b/g, ' acharge '],
  [/\bimpots?\s*\.\s*gouv\b/g, ' impotsgouv '],
  [/\bqui\s*es\s*-?\s*tu\b/g, ' assistant '],
  [/\bou\s*en\s*(est|sont|etes|suis)\b/g, ' suivi '],
  [/\baides?\s*personnalisees?\s*(au\s*)?logement\b/g, ' apl '],
  [/\ballocations?\s*(de\s*)?logement\s*(a\s*caractere\s*)?sociale?\b/g, ' als '],
  [/\ballocations?\s*(de\s*)?logement\s*(a\s*caractere\s*)?familiale?\b/g, ' alf '],
  [/\brevenus?\s*(de\s*)?solidarite\s*(active)?\b/g, ' rsa '],
  [/\bprimes?\s*(d\s*'?\s*)?activite\b/g, ' ppa '],
  [/\ballocations?\s*journalieres?\s*(du\s*)?proches?\s*aidants?\b/g, ' ajpa '],
  [/\bproches?\s*aidants?\b/g, ' ajpa '],
  [/\ballocations?\s*(de\s*)?soutien\s*familial\b/g, ' asf '],
  [/\ballocations?\s*(aux\s*)?adultes?\s*handicapes?\b/g, ' aah '],
];

/**
 * SMS spellings, abbreviations, acronyms and synonyms → the words they stand for (folded).
 * Acronyms of prestations expand to their full name, so « APL » and « aide au logement » meet.
 */
export const EXPANSIONS: Record<string, string> = {
  // SMS and spoken spellings
  jai: 'j ai', jsuis: 'je suis', chui: 'je suis', chuis: 'je suis', jsp: 'je sais pas', ya: 'il y a', yen: 'il y en',
  pk: 'pourquoi', pq: 'pourquoi', pkoi: 'pourquoi', pourkoi: 'pourquoi', koi: 'quoi', kwa: 'quoi', cmt: 'comment', cmnt: 'comment',
  komment: 'comment', coment: 'comment', qd: 'quand', kan: 'quand', ds: 'dans', pr: 'pour', pa: 'pas', pâ: 'pas', ps: 'pas',
  tjr: 'toujours', tjrs: 'toujours', bcp: 'beaucoup', mm: 'meme', mwa: 'moi', rien: 'pas', aucun: 'pas', aucune: 'pas',
  jamais: 'pas', sans: 'pas', ni: 'pas', plus: 'pas', nan: 'non', vx: 'veux', veu: 'veux', peu: 'peux', pe: 'peux', doi: 'dois', fo: 'faut',
  cb: 'combien', cbn: 'combien', combient: 'combien', tlm: 'tout le monde', dmd: 'demande', dde: 'demande',
  // Sign-in vocabulary
  mdp: 'motdepasse', mdpasse: 'motdepasse', motdepass: 'motdepasse', password: 'motdepasse', pwd: 'motdepasse', mp: 'motdepasse',
  login: 'identifiant', id: 'identifiant', identifian: 'identifiant', idantifiant: 'identifiant', identifiants: 'identifiant',
  co: 'connexion', connection: 'connexion', conection: 'connexion', conecter: 'connecter', log: 'connecter', loguer: 'connecter',
  secu: 'nir', ss: 'nir', nss: 'nir', vitale: 'vitale', immatriculation: 'nir',
  num: 'numero', nro: 'numero', nmr: 'numero', no: 'numero',
  tel: 'telephone', tph: 'telephone', tele: 'telephone', phone: 'telephone', gsm: 'portable', mobile: 'portable', portab: 'portable',
  email: 'mail', courriel: 'mail', mel: 'mail', emails: 'mail', mails: 'mail', gmail: 'mail', hotmail: 'mail', boite: 'mail', messagerie: 'mail',
  texto: 'sms', textos: 'sms', sms: 'sms',
  otp: 'code', spams: 'spam', indesirable: 'spam', indesirables: 'spam', courrierindesirable: 'spam',
  fc: 'franceconnect', ameli: 'franceconnect ameli',
  cni: 'cni', passport: 'passeport', pasport: 'passeport', papiers: 'piece identite', papier: 'piece identite',
  // Household
  mari: 'conjoint', femme: 'conjoint', epouse: 'conjoint', epoux: 'conjoint', compagnon: 'conjoint', compagne: 'conjoint',
  concubin: 'conjoint', concubine: 'conjoint', copain: 'conjoint', copine: 'conjoint', pacs: 'conjoint', pacse: 'conjoint', pacsee: 'conjoint',
  conjointe: 'conjoint', partenaire: 'conjoint',
  fils: 'enfant', fille: 'enfant', ado: 'enfant', gamin: 'enfant', gosse: 'enfant', enfants: 'enfant',
  divorce: 'separation', divorcer: 'separation', divorcee: 'separation', divorces: 'separation', rupture: 'separation',
  separe: 'separation', separee: 'separation', separer: 'separation', separes: 'separation', sepa: 'separation',
  // Prestations
  alloc: 'allocation', allocs: 'allocation', apls: 'apl', aidant: 'ajpa', aidante: 'ajpa',
  // Verbs whose forms the French stemmer does not bring together
  recois: 'recu', recoit: 'recu', recoi: 'recu', recevoir: 'recu', recevez: 'recu', recevrai: 'recu', recevra: 'recu',
  recu: 'recu', recue: 'recu', recus: 'recu', recues: 'recu', resu: 'recu', recut: 'recu', arrive: 'recu', arrivee: 'recu', vient: 'recu',
  creation: 'creer', cree: 'creer', creee: 'creer', crees: 'creer', cre: 'creer', ouvrir: 'creer',
  inscription: 'inscrire', inscrit: 'inscrire', inscrite: 'inscrire', inscris: 'inscrire',
  connecte: 'connexion', connectee: 'connexion', connecter: 'connexion', connect: 'connexion',
  numeros: 'numero', francaise: 'francais', francaises: 'francais', etrangere: 'etranger', etrangers: 'etranger',
  modification: 'modifier', modifie: 'modifier', changement: 'changer', change: 'changer',
  oublie: 'oublier', oubliee: 'oublier', oublies: 'oublier', oubli: 'oublier', perdu: 'oublier', perdue: 'oublier', souviens: 'oublier', rappelle: 'oublier',
  marche: 'fonctionne', marchent: 'fonctionne', fonctionner: 'fonctionne', passe: 'fonctionne',
  payer: 'paiement', paye: 'paiement', payee: 'paiement', versement: 'paiement', verse: 'paiement', virement: 'paiement', vire: 'paiement',
};

/** Words that carry no meaning for finding a topic. « pas » is kept: « pas reçu » is a topic. */
export const STOPWORDS = new Set(
  (
    'a ai aie aient aies ait as au aux avec avez avoir avons bonjour bonsoir salut slt bjr bsr coucou cc merci mrc svp stp plait ' +
    'ce ceci cela celle celui ces cet cette ca ci comme comment dans de des du elle elles en es est et etre ete eu eux faire fais ' +
    'fait il ils je j la le les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ont ou par peux peut pouvez ' +
    'pour pourquoi puis puisque quand que quel quelle quelles quels qui quoi sa se ses si son sont suis sur ta te tes toi ton ' +
    'tu un une vos votre vous y est-ce estce oui non alors donc car voila voici svp ok dois doit faut veux voudrais vouloir ' +
    'besoin sais savoir dire madame monsieur mme mr site page svp hello allo aussi encore toujours beaucoup quoi bien tres trop ' +
    'sil c l d s n m t qu g e ke ki kel kelle kesk cest masque'
  ).split(' '),
);

/** Messages made only of these words are vague: the step's own topic answers them. */
export const VAGUE_WORDS = new Set(
  'aide aider aidez help probleme souci bloque bloquee comprend comprends comprendre fonctionne pas ici etape page quoi faire sais'.split(' '),
);
