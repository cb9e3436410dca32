import { IDLE_TIMEOUT_MS } from '../../auth/sessions';
import { frenchDuration } from '../../retention/registry';
import { ACCESSIBILITY_STATEMENT_DATE, ACCESSIBILITY_STATUS } from '../../legal/pages';
import { html, type SafeHtml } from '../../http/views/html';

/**
 * The accessibility statement, on the official model (numerique.gouv.fr, RGAA 4.1.2): compliance
 * status (« non conforme »: no audit has been done), results, non-accessible content and
 * derogations, how the statement was made, feedback and the recourse to the Défenseur des droits.
 * The non-compliances listed are those of the hand-filled grid (docs/rgaa-grille.md).
 */
export function accessibilityStatement(o: { baseUrl: string; agencyPhone: string }): SafeHtml {
  return html`<h1 class="govuk-heading-l">Déclaration d’accessibilité</h1>
<p class="govuk-body">La Caf s’engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p class="govuk-body">Cette déclaration d’accessibilité s’applique à Mon Compte (${o.baseUrl}).</p>

<h2 class="govuk-heading-m">État de conformité</h2>
<p class="govuk-body">Mon Compte est <strong>${ACCESSIBILITY_STATUS}</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n’a encore été réalisé.</p>

<h2 class="govuk-heading-m">Résultats des tests</h2>
<p class="govuk-body">Aucun audit n’ayant été mené, aucun taux de conformité ne peut être donné. Chaque page des parcours est vérifiée automatiquement (axe-core, dans Chromium), et l’équipe a rempli à la main, pour un échantillon de pages, la grille des critères que les outils ne savent pas juger (alternatives, ordre de lecture, contexte des champs, documents PDF, limites de temps). Cette vérification interne ne remplace pas un audit.</p>

<h2 class="govuk-heading-m">Contenus non accessibles</h2>
<h3 class="govuk-heading-s">Non-conformités connues</h3>
<ul class="govuk-list govuk-list--bullet">
  <li>L’accusé de réception en PDF n’est pas un PDF balisé (critère 13.3) : son contenu est aussi affiché sur la page de la demande, en HTML.</li>
  <li>Les justificatifs demandés ne peuvent être envoyés que sous forme de fichier PDF, JPEG ou PNG (critère 11.1 non concerné, mais pas d’autre moyen en ligne) : votre Caf les accepte aussi au guichet ou par courrier.</li>
  <li>Sans JavaScript, la déconnexion automatique après ${frenchDuration(IDLE_TIMEOUT_MS)} d’inactivité n’est pas annoncée (critère 13.1) : avec JavaScript, un avertissement propose « Rester connecté » 5 minutes avant ; dans tous les cas, ce que vous avez saisi dans un formulaire de demande est enregistré à chaque étape.</li>
</ul>
<h3 class="govuk-heading-s">Dérogations pour charge disproportionnée</h3>
<p class="govuk-body">Aucune.</p>
<h3 class="govuk-heading-s">Contenus non soumis à l’obligation d’accessibilité</h3>
<p class="govuk-body">Les documents que vous envoyez vous-même (justificatifs) : ce sont des contenus de tiers.</p>

<h2 class="govuk-heading-m">Établissement de cette déclaration d’accessibilité</h2>
<p class="govuk-body">Cette déclaration a été établie le ${ACCESSIBILITY_STATEMENT_DATE}.</p>
<ul class="govuk-list govuk-list--bullet">
  <li>Technologies utilisées : HTML, CSS, WAI-ARIA, JavaScript (facultatif : toutes les pages fonctionnent sans).</li>
  <li>Outils : axe-core dans Chromium ; vérification manuelle au clavier et de l’arbre d’accessibilité pour l’échantillon (pas encore de test avec un lecteur d’écran).</li>
  <li>Pages de l’échantillon : accueil, Créer Mon Compte (état civil, titre d’identité, coordonnées, code, mot de passe), connexion, Mes démarches, formulaire de demande, envoi de justificatifs, Mes données.</li>
</ul>

<h2 class="govuk-heading-m">Retour d’information et contact</h2>
<p class="govuk-body">Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter votre Caf au ${o.agencyPhone} ou depuis la page <a class="govuk-link" href="/aide">Aide et contact</a> pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>

<h2 class="govuk-heading-m">Voies de recours</h2>
<p class="govuk-body">Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits. Plusieurs moyens sont à votre disposition :</p>
<ul class="govuk-list govuk-list--bullet">
  <li>écrire un message au Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr) ;</li>
  <li>contacter le délégué du Défenseur des droits dans votre région ;</li>
  <li>appeler le 09 69 39 00 00 ;</li>
  <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>`;
}
