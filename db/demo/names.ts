/**
 * Names from several languages and scripts on purpose: accents, apostrophes, Vietnamese
 * diacritics and Hangul are what break search, sorting and printing in real facilities.
 */
export const givenNames = [
  'José', 'Zoë', 'María', 'Sean', 'Siobhán', 'Nguyễn Văn', 'Thị Lan', '민준', '서연', 'Margaret', 'Harold',
  'Dorothy', 'Walter', 'Evelyn', 'Frank', 'Ruth', 'Aleksander', 'Agnieszka', 'François', 'Renée', 'Jürgen',
  'Ingrid', 'Olufemi', 'Adaeze', 'Priya', 'Rajesh', 'Mei', 'Wei', 'Fatima', 'Omar', 'Guadalupe', 'Héctor',
  'Björn', 'Åsa', 'Chloé', 'Łukasz', 'Dolores', 'Eugene', 'Beatrice', 'Clarence', 'Mildred', 'Arthur',
];

export const familyNames = [
  "O'Brien", 'García', 'Nguyễn', '김', '이', 'Smith', 'Johnson', 'Müller', 'Kowalski', 'Dubois', 'Rossi',
  'Okafor', 'Patel', 'Chen', 'Wang', 'Haddad', 'Hernández', 'López', 'Núñez', 'Andersson', "D'Angelo",
  'MacDonald', 'Van der Berg', 'Fitzgerald', 'Brown', 'Williams', 'Jones', 'Davis', 'Miller', 'Wilson',
  'Moore', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Thompson', 'Young',
];
