import { CONTROLLER, PURPOSES } from '../../legal/purposes';
import { retentionRules, type RetentionSettings } from '../../retention/registry';
import { html, type SafeHtml } from '../../http/views/html';

/**
 * The full personal-data notice (RGPD articles 13 and 14): controller and DPO, each purpose with
 * its legal basis and recipients (src/legal/purposes.ts), each retention period read from the
 * retention registry (src/retention/registry.ts, the rules the code applies), the rights and how to
 * use them, the complaint to the CNIL.
 */
export function personalDataNotice(o: { settings: RetentionSettings; agencyPhone: string }): SafeHtml {
  const rules = Object.values(retentionRules(o.settings));
  return html`<h1 class="govuk-heading-l">Données personnelles</h1>
<p class="govuk-body-l">Ce que Mon Compte fait de vos données, pourquoi, pendant combien de temps, et vos droits.</p>

<h2 class="govuk-heading-m" id="responsable">Qui est responsable de vos données ?</h2>
<p class="govuk-body">Le responsable du traitement est ${CONTROLLER.name}.</p>
<p class="govuk-body">Vous pouvez écrire au délégué à la protection des données : ${CONTROLLER.dpoPostal}, ou depuis la rubrique « Contacter ma Caf ».</p>

<h2 class="govuk-heading-m" id="finalites">Pourquoi vos données sont utilisées</h2>
${PURPOSES.map(
  (p) => html`<h3 class="govuk-heading-s" id="${p.id}">${p.title}</h3>
<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Données</dt><dd class="govuk-summary-list__value">${p.data}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Pourquoi</dt><dd class="govuk-summary-list__value">${p.why}${p.whyDeclared ? ` ${p.whyDeclared}` : ''}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Base légale</dt><dd class="govuk-summary-list__value">${p.legalBasis}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Destinataires</dt><dd class="govuk-summary-list__value">${p.recipients}</dd></div>
</dl>`,
)}
<p class="govuk-body">Vos données ne sont ni vendues, ni utilisées à des fins commerciales, ni transférées hors de l’Union européenne. Aucune décision vous concernant n’est prise par un traitement automatique seul : un agent de la Caf étudie chaque demande.</p>

<h2 class="govuk-heading-m" id="conservation">Combien de temps vos données sont conservées</h2>
<p class="govuk-body">Ces durées sont celles que le service applique lui-même : les données arrivées à échéance sont effacées automatiquement, chaque heure.</p>
<div class="mc-table-scroll" role="region" aria-label="Durée de conservation par type de données" tabindex="0"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--s">Durée de conservation par type de données</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Données</th><th scope="col" class="govuk-table__header">Durée de conservation</th></tr></thead>
  <tbody class="govuk-table__body">
  ${rules.map((r) => html`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${r.holds}</th><td class="govuk-table__cell">${r.keptFor}</td></tr>`)}
  </tbody>
</table></div>

<h2 class="govuk-heading-m" id="droits">Vos droits et comment les exercer</h2>
<ul class="govuk-list govuk-list--bullet">
  <li><strong>Accès et portabilité</strong> : téléchargez vous-même ce que Mon Compte détient sur vous, depuis <a class="govuk-link" href="/mon-espace/mes-donnees">Mes données</a> dans votre espace (fichier JSON et résumé lisible), sans rien demander à personne.</li>
  <li><strong>Rectification</strong> : modifiez vos coordonnées dans votre espace ; pour votre identité ou votre dossier, écrivez à votre Caf.</li>
  <li><strong>Effacement</strong> : vous pouvez <a class="govuk-link" href="/mon-espace/fermer-mon-compte">fermer votre compte en ligne</a>. Vos coordonnées, vos sessions et votre mot de passe sont alors effacés ; votre dossier à la Caf et vos demandes envoyées restent, car la Caf doit les conserver. Vous pourrez créer un nouveau compte plus tard.</li>
  <li><strong>Limitation et opposition</strong> : ces traitements relèvent d’une mission de service public ; vous pouvez vous y opposer pour des raisons tenant à votre situation particulière, en écrivant au délégué à la protection des données.</li>
</ul>
<p class="govuk-body">Pour toute demande, écrivez au délégué à la protection des données (adresse ci-dessus) ou appelez le ${o.agencyPhone}. Une réponse vous est apportée dans un délai d’un mois.</p>

<h2 class="govuk-heading-m" id="reclamation">Réclamation auprès de la CNIL</h2>
<p class="govuk-body">Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), en ligne sur cnil.fr ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</p>

<h2 class="govuk-heading-m" id="cookies">Cookies</h2>
<p class="govuk-body">Mon Compte ne dépose que des cookies nécessaires à son fonctionnement : voir <a class="govuk-link" href="/cookies">la liste des cookies</a>.</p>`;
}
