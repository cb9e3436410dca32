import type { FormDefinition } from '../definition';
import { aideAuLogement } from './aide-au-logement';
import { ajpa } from './ajpa';
import { allocationsFamiliales, complementModeDeGarde, primeDemenagement } from './family';
import { primeNaissance } from './prime-naissance';
import { soutienFamilial } from './soutien-familial';
import { primeActivite, rsa } from './work-benefits';

/** Every form, by prestation slug. */
export const forms: Readonly<Record<string, FormDefinition>> = Object.fromEntries(
  [
    aideAuLogement,
    rsa,
    primeActivite,
    primeNaissance,
    soutienFamilial,
    ajpa,
    allocationsFamiliales,
    complementModeDeGarde,
    primeDemenagement,
  ].map((f) => [f.prestation, f]),
);

export function formOf(prestation: string): FormDefinition | undefined {
  return forms[prestation];
}
