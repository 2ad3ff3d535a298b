/** The demo municipality: the Aizkraukle district (seed 003) — its town, villages and streets. */
export interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Spread of homes around the centre, in degrees. */
  readonly spread: number;
  /** Relative share of clients living here. */
  readonly weight: number;
  readonly streets: readonly string[];
}

const TOWN_STREETS = ['Lāčplēša iela', 'Gaismas iela', 'Spīdolas iela', 'Skolas iela', 'Daugavas prospekts', 'Bērzu iela', 'Jaunceltnes iela', 'Rīgas iela'];
const VILLAGE_STREETS = ['Skolas iela', 'Rīgas iela', 'Dzirnavu iela', 'Parka iela', 'Ziedu iela', 'Meža iela', 'Brīvības iela', 'Ozolu iela'];
/** Farmstead names: rural addresses in Latvia are house names, not street numbers. */
export const HOMESTEADS = ['Kalnāji', 'Priedītes', 'Lejasmeži', 'Ozoliņi', 'Avotiņi', 'Bērziņi', 'Liepkalni', 'Rudzīši', 'Jaunzemji', 'Vecsētas', 'Ābeles', 'Mežmaļi', 'Upmaļi', 'Dārziņi', 'Sniedzes'];

export const PLACES: readonly Place[] = [
  { name: 'Aizkraukle', lat: 56.6048, lon: 25.2552, spread: 0.012, weight: 30, streets: TOWN_STREETS },
  { name: 'Skrīveri', lat: 56.6454, lon: 25.1204, spread: 0.015, weight: 12, streets: VILLAGE_STREETS },
  { name: 'Koknese', lat: 56.6427, lon: 25.4293, spread: 0.015, weight: 12, streets: VILLAGE_STREETS },
  { name: 'Pļaviņas', lat: 56.6178, lon: 25.7244, spread: 0.012, weight: 10, streets: VILLAGE_STREETS },
  { name: 'Jaunjelgava', lat: 56.6136, lon: 25.0844, spread: 0.012, weight: 9, streets: VILLAGE_STREETS },
  { name: 'Nereta', lat: 56.2075, lon: 25.3089, spread: 0.02, weight: 6, streets: VILLAGE_STREETS },
  { name: 'Bebri', lat: 56.7108, lon: 25.4897, spread: 0.03, weight: 5, streets: [] },
  { name: 'Sērene', lat: 56.5561, lon: 25.2253, spread: 0.03, weight: 5, streets: [] },
  { name: 'Aiviekste', lat: 56.6017, lon: 25.6567, spread: 0.03, weight: 4, streets: [] },
  { name: 'Vietalva', lat: 56.6961, lon: 25.7261, spread: 0.03, weight: 4, streets: [] },
  { name: 'Klintaine', lat: 56.6658, lon: 25.6342, spread: 0.03, weight: 3, streets: [] },
];

export const MUNICIPALITY = 'Aizkraukles novads';
