import { STATUS_LABELS } from '../../demarches/machine';
import type { Demarche } from '../../demarches/repository';
import { html, type SafeHtml } from '../../http/views/html';
import { type Awaiting, continueLabel, demarchePath, demarcheTitle, resumePath } from '../demarches/pages';
import { piecesPath } from '../justificatifs/pages';

/**
 * « Ce qui vous attend » on « Mon espace »: every thing the person has to do or read, each with the
 * link that does it —
 *   - files added to a piece but not sent to the Caf (« Envoyer à la Caf » not pressed),
 *   - a piece the Caf asks for, named (own démarches, and the household's for those who manage it),
 *   - a brouillon to finish,
 *   - a decision not read yet (the person's own démarches),
 *   - a payment held because the dossier's bank account is new (added by ./pages.ts).
 */
export interface WaitingItem {
  kind: 'unsent' | 'piece' | 'draft' | 'decision' | 'held';
  /** what it is, in one sentence */
  text: string;
  /** the action, one click away */
  link: { href: string; text: string };
}

export function waitingItems(o: {
  own: readonly Demarche[];
  household: readonly Demarche[];
  awaiting: Awaiting;
  decisionLabel: (d: Demarche) => string;
}): WaitingItem[] {
  const items: WaitingItem[] = [];
  for (const d of [...o.own, ...o.household]) {
    const { title } = demarcheTitle(d);
    const unsent = o.awaiting.unsent.get(d.id) ?? [];
    const asked = d.status === 'en_attente_de_pieces' ? (o.awaiting.asked.get(d.id) ?? []) : [];
    if (asked.length === 0) continue;
    if (unsent.length > 0)
      items.push({
        kind: 'unsent',
        text: `${unsent.length === 1 ? 'Vous avez ajouté 1 fichier' : `Vous avez ajouté ${unsent.length} fichiers`} sans ${unsent.length === 1 ? 'l’envoyer' : 'les envoyer'} à la Caf pour la demande « ${title} » (référence ${d.reference ?? ''}) : la Caf ne ${unsent.length === 1 ? 'l’a' : 'les a'} pas encore.`,
        link: { href: piecesPath(d.id), text: `Envoyer à la Caf les fichiers de la demande ${title}` },
      });
    else
      items.push({
        kind: 'piece',
        text: `La Caf vous demande pour la demande « ${title} » (référence ${d.reference ?? ''}) : ${asked.map((r) => r.message).join(' ; ')}`,
        link: { href: piecesPath(d.id), text: `Transmettre le justificatif de la demande ${title}` },
      });
  }
  for (const d of o.own) {
    const { title } = demarcheTitle(d);
    if (d.status === 'brouillon')
      items.push({
        kind: 'draft',
        text: `Votre demande « ${title} » n’est pas encore envoyée.`,
        link: { href: resumePath(d.id), text: continueLabel(title) },
      });
    else if (d.decision_read_at === null && o.decisionLabel(d))
      items.push({
        kind: 'decision',
        text: `La Caf a pris une décision sur votre demande « ${title} » (référence ${d.reference ?? ''}) : ${o.decisionLabel(d).toLowerCase()}.`,
        link: { href: demarchePath(d.id), text: `Lire la décision sur la demande ${title}` },
      });
  }
  return items;
}

const TAGS: Record<WaitingItem['kind'], SafeHtml> = {
  unsent: html`<strong class="govuk-tag govuk-tag--red">Fichiers pas encore envoyés</strong>`,
  piece: html`<strong class="govuk-tag govuk-tag--orange">À transmettre</strong>`,
  draft: html`<strong class="govuk-tag govuk-tag--yellow">${STATUS_LABELS.brouillon}</strong>`,
  decision: html`<strong class="govuk-tag govuk-tag--blue">Décision à lire</strong>`,
  held: html`<strong class="govuk-tag govuk-tag--orange">Paiement en attente</strong>`,
};

export function waitingList(items: readonly WaitingItem[]): SafeHtml {
  return html`<div class="govuk-inset-text mc-waiting">
<h2 class="govuk-heading-m">Ce qui vous attend</h2>
<ul class="govuk-list govuk-list--spaced">${items.map(
    (i) =>
      html`<li class="mc-waiting__${i.kind}">${TAGS[i.kind]}<p class="govuk-body govuk-!-margin-top-1 govuk-!-margin-bottom-1">${i.text}</p><a class="govuk-link govuk-!-font-weight-bold" href="${i.link.href}">${i.link.text}</a></li>`,
  )}</ul>
</div>`;
}
