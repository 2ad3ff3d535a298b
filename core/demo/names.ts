/** Latvian given and family names (family names have a masculine and a feminine form). */
export const FEMALE_NAMES = ['Anna', 'Marija', 'Elza', 'Ilga', 'Velta', 'Skaidrīte', 'Ārija', 'Zenta', 'Aina', 'Dzidra', 'Biruta', 'Lūcija', 'Rūta', 'Gaida', 'Vija', 'Irēna', 'Mārīte', 'Ināra', 'Austra', 'Lidija'];
export const MALE_NAMES = ['Jānis', 'Pēteris', 'Andris', 'Juris', 'Kārlis', 'Aivars', 'Imants', 'Valdis', 'Ēriks', 'Gunārs', 'Voldemārs', 'Arvīds', 'Uldis', 'Miervaldis', 'Ojārs', 'Roberts', 'Edgars', 'Visvaldis'];
/** [masculine, feminine] */
export const FAMILY_NAMES: readonly (readonly [string, string])[] = [
  ['Bērziņš', 'Bērziņa'], ['Kalniņš', 'Kalniņa'], ['Ozoliņš', 'Ozoliņa'], ['Jansons', 'Jansone'], ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'], ['Zariņš', 'Zariņa'], ['Pētersons', 'Pētersone'], ['Vītols', 'Vītola'], ['Kļaviņš', 'Kļaviņa'],
  ['Eglītis', 'Eglīte'], ['Lapiņš', 'Lapiņa'], ['Balodis', 'Balode'], ['Āboliņš', 'Āboliņa'], ['Siliņš', 'Siliņa'],
  ['Ozols', 'Ozola'], ['Strazds', 'Strazda'], ['Grīnbergs', 'Grīnberga'], ['Šmits', 'Šmite'], ['Lācis', 'Lāce'],
  ['Roze', 'Roze'], ['Vilks', 'Vilka'], ['Kalējs', 'Kalēja'], ['Zvirbulis', 'Zvirbule'], ['Dūmiņš', 'Dūmiņa'],
];
