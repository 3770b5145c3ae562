/**
 * Names from several languages and scripts on purpose: accents, apostrophes, Vietnamese
 * diacritics and Hangul are what break search, sorting and printing in real facilities.
 */
export const givenNames = [
  'José', 'Zoë', 'María', 'Sean', 'Siobhán', 'Nguyễn Văn', 'Thị Lan', '민준', '서연', 'Margaret', 'Harold',
  'Dorothy', 'Walter', 'Evelyn', 'Frank', 'Ruth', 'Aleksander', 'Agnieszka', 'François', 'Renée', 'Jürgen',
  'Ingrid', 'Olufemi', 'Adaeze', 'Priya', 'Rajesh', 'Mei', 'Wei', 'Fatima', 'Omar', 'Guadalupe', 'Héctor',
  'Björn', 'Åsa', 'Chloé', 'Łukasz', 'Dolores', 'Eugene', 'Beatrice', 'Clarence', 'Mildred', 'Arthur',
] as const;

export const familyNames = [
  "O'Brien", 'García', 'Nguyễn', '김', '이', 'Smith', 'Johnson', 'Müller', 'Kowalski', 'Dubois', 'Rossi',
  'Okafor', 'Patel', 'Chen', 'Wang', 'Haddad', 'Hernández', 'López', 'Núñez', 'Andersson', "D'Angelo",
  'MacDonald', 'Van der Berg', 'Fitzgerald', 'Brown', 'Williams', 'Jones', 'Davis', 'Miller', 'Wilson',
  'Moore', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Thompson', 'Young',
];

/**
 * The sex each given name above is usually given to, so a demo record never has a Margaret recorded
 * as male, nor a "Daughter" called Harold (issue 8 · 13: demo data teaches what right looks like).
 */
export const sexOfGivenName: Readonly<Record<(typeof givenNames)[number], 'female' | 'male'>> = {
  José: 'male', Zoë: 'female', María: 'female', Sean: 'male', Siobhán: 'female', 'Nguyễn Văn': 'male', 'Thị Lan': 'female',
  민준: 'male', 서연: 'female', Margaret: 'female', Harold: 'male', Dorothy: 'female', Walter: 'male', Evelyn: 'female',
  Frank: 'male', Ruth: 'female', Aleksander: 'male', Agnieszka: 'female', François: 'male', Renée: 'female', Jürgen: 'male',
  Ingrid: 'female', Olufemi: 'male', Adaeze: 'female', Priya: 'female', Rajesh: 'male', Mei: 'female', Wei: 'male',
  Fatima: 'female', Omar: 'male', Guadalupe: 'female', Héctor: 'male', Björn: 'male', Åsa: 'female', Chloé: 'female',
  Łukasz: 'male', Dolores: 'female', Eugene: 'male', Beatrice: 'female', Clarence: 'male', Mildred: 'female', Arthur: 'male',
};

export function givenNamesOf(sex: 'female' | 'male'): string[] {
  return givenNames.filter((n) => sexOfGivenName[n] === sex);
}

/** The usual short name of a given name, offered as a preferred name. */
export const nicknames: Readonly<Partial<Record<(typeof givenNames)[number], string>>> = {
  José: 'Pepe', Guadalupe: 'Lupe', Margaret: 'Peggy', Dorothy: 'Dot', Harold: 'Hal', Beatrice: 'Bea', Walter: 'Walt',
  Mildred: 'Millie', Eugene: 'Gene', Aleksander: 'Olek', Evelyn: 'Evie', Clarence: 'Bud',
};
