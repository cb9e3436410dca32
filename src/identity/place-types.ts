/** The shapes of the INSEE places Mon Compte reads (communes and countries); see `places.ts`. */

export interface Departement {
  code: string;
  name: string;
}

export interface CommunePlace {
  /** INSEE code, 5 characters (e.g. '2A004', '75044', '98511'). */
  code: string;
  name: string;
  departement: Departement;
  /** True when this code+name is a commune (or arrondissement municipal) today. */
  current: boolean;
  /** First day this code+name was in force (absent: in force since 1943 at least). */
  validFrom?: string;
  /** First day it was no longer in force (absent: still in force, or ended after 2019 on a date the data lacks). */
  validTo?: string;
  /** Code of the commune that took it over (change of département, merger…), when different. */
  successorCode?: string;
}

export interface CountryPlace {
  /** INSEE code 99xxx. */
  code: string;
  /** INSEE name, as published (upper case, no accents): what the search and the code lists match. */
  name: string;
  /** The name as a page shows it, in French with its capitals and accents (« Côte d'Ivoire »): the `label` column. */
  label: string;
  /** Other territories sharing the same code. */
  otherNames: string[];
  /** Former names (e.g. 'U.R.S.S.' for 99123). */
  formerNames: string[];
  /** Code of the country it is now attached to, when it is no longer a country of its own. */
  attachedToCode?: string;
  /** Code of the country it was part of before (e.g. 99123 for Estonia). */
  previousCode?: string;
  /** True for territories that were French before independence (INSEE marks them 'XXXXX'). */
  formerlyFrench: boolean;
}

export interface SearchOptions {
  /** Maximum number of results (default 10). */
  limit?: number;
  /** Only places in force on that day (YYYY-MM-DD). */
  atDate?: string;
}
