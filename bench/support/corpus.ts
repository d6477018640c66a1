// Paragraphs of English, French and Russian for the search benchmark, and the two-word queries
// asked of them. Words are drawn with a Zipf law (the n-th word n times rarer than the first),
// as in real prose: a query pairs common words with rare ones, so the benchmark sees matches
// lists of every length instead of one word that is in every document. Seeded, so every run
// loads the same paragraphs and asks the same queries.

export type Language = 'en' | 'fr' | 'ru';

const VOCABULARY: Record<Language, string> = {
  en: `council security cooperation dialogue partnership consultation peacekeeping defence
    military nuclear arms control treaty verification transparency exercise crisis management
    terrorism proliferation missile europe balkans kosovo bosnia airspace maritime rescue
    submarine emergency civil planning science environment reform retraining officers liaison
    mission office information confidence stability agreement declaration ministers ambassadors
    experts meeting agenda chair statement communique programme activity progress report
    working group joint decision consensus review implementation border weapons conventional
    forces deployment withdrawal inspection notification logistics training interoperability
    doctrine strategy threat assessment cyber energy infrastructure pipeline shipping ports
    afghanistan narcotics trafficking piracy disaster relief medical evacuation helicopter
    battalion brigade regiment headquarters moscow brussels vienna geneva washington madrid
    paris rome istanbul founding act permanent sovereign parties`,
  fr: `conseil sécurité coopération dialogue partenariat consultation maintien paix défense
    militaire nucléaire armements contrôle traité vérification transparence exercice crise
    gestion terrorisme prolifération missile europe balkans kosovo bosnie espace aérien
    maritime sauvetage submersible urgence civile planification science environnement réforme
    reconversion officiers liaison mission bureau information confiance stabilité accord
    déclaration ministres ambassadeurs experts réunion ordre jour présidence communiqué
    programme activité progrès rapport groupe travail décision commune consensus examen mise
    œuvre frontière armes conventionnelles forces déploiement retrait inspection notification
    logistique formation interopérabilité doctrine stratégie menace évaluation énergie
    infrastructure gazoduc navigation afghanistan stupéfiants trafic piraterie catastrophe
    secours médical évacuation hélicoptère bataillon brigade régiment moscou bruxelles vienne
    genève washington madrid paris rome istanbul acte fondateur permanent souverain parties`,
  ru: `совет безопасность сотрудничество диалог партнёрство консультации миротворчество
    оборона военный ядерный вооружения контроль договор проверка прозрачность учения кризис
    управление терроризм распространение ракета европа балканы косово босния воздушное
    пространство морской спасение подводная лодка чрезвычайная гражданская планирование наука
    окружающая среда реформа переподготовка офицеров связь миссия бюро информация доверие
    стабильность соглашение декларация министры послы эксперты заседание повестка
    председатель заявление коммюнике программа деятельность ход доклад рабочая группа
    совместное решение консенсус обзор выполнение граница оружие обычные силы развёртывание
    вывод инспекция уведомление логистика подготовка совместимость доктрина стратегия угроза
    оценка энергетика инфраструктура трубопровод судоходство афганистан наркотики торговля
    пиратство бедствие помощь медицинская эвакуация вертолёт батальон бригада полк штаб москва
    брюссель вена женева вашингтон мадрид париж рим стамбул основополагающий акт постоянный`,
};

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'ru'];

const wordsOf = (language: Language) => VOCABULARY[language].split(/\s+/).filter(Boolean);

/** A small, fast, seeded generator (mulberry32): the same seed gives the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws word indexes with P(n) proportional to 1/(n+1), by binary search on the cumulative sum. */
function zipf(size: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let n = 0; n < size; n++) {
    total += 1 / (n + 1);
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** `count` paragraphs (about 40 words in two or three sentences each), languages in turn. */
export function* paragraphs(
  count: number,
  seed = 1997,
): Generator<{ language: Language; text: string }> {
  const random = seededRandom(seed);
  const lexicon = LANGUAGES.map((language) => ({ language, words: wordsOf(language) }));
  const draws = lexicon.map(({ words }) => zipf(words.length, random));
  for (let i = 0; i < count; i++) {
    const which = i % lexicon.length;
    const { language, words } = lexicon[which] as (typeof lexicon)[number];
    const draw = draws[which] as () => number;
    const sentences: string[] = [];
    const sentenceCount = 2 + Math.floor(random() * 2);
    for (let s = 0; s < sentenceCount; s++) {
      const length = 10 + Math.floor(random() * 12);
      const sentence: string[] = [];
      for (let w = 0; w < length; w++) sentence.push(words[draw()] ?? '');
      const text = sentence.join(' ');
      sentences.push(`${text.charAt(0).toLocaleUpperCase(language)}${text.slice(1)}.`);
    }
    yield { language, text: sentences.join(' ') };
  }
}

/**
 * `count` two-word queries, languages in turn, each word drawn uniformly from the vocabulary
 * (so common and rare words alike), the two words different.
 */
export function twoWordQueries(count: number, seed = 2026): string[] {
  const random = seededRandom(seed);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = wordsOf(LANGUAGES[i % LANGUAGES.length] as Language);
    const first = Math.floor(random() * words.length);
    let second = Math.floor(random() * (words.length - 1));
    if (second >= first) second += 1;
    queries.push(`${words[first]} ${words[second]}`);
  }
  return queries;
}
