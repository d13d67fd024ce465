/**
 * The pack strings that drive the advice-clause analysis (reason links, subjects, mindset verbs,
 * register words…), read once per pack into sets.
 * @module
 */

const words = (s: string | undefined): Set<string> => new Set((s ?? '').toLowerCase().split(/\s+/).filter(Boolean));

/** The pack strings that drive the analysis, read once per pack. */
export interface ClauseLexicon {
  reasonLinks: Set<string>;
  subjectLinks: Set<string>;
  subjects: Set<string>;
  subordinators: Set<string>;
  mindsetVerbs: Set<string>;
  leadDrop: Set<string>;
  tryLead: Set<string>;
  negations: Set<string>;
  /** Negations before the captured verb ("the key is not to…"): the action is what not to do. */
  negationsBefore: Set<string>;
  casualWords: Set<string>;
  listEnds: Set<string>;
  emergency: Set<string>;
  notVerbs: Set<string>;
  keepLinks: Set<string>;
  tailJoin: Set<string>;
  notAside: Set<string>;
  subjectStops: Set<string>;
  copulas: Set<string>;
  prepositions: Set<string>;
  objectVerbs: Set<string>;
  openers: string[][];
  fillers: Set<string>;
  crudeWords: Set<string>;
  adverbMindset: Set<string>;
  mindsetAdverbs: Set<string>;
  mindsetObjects: Set<string>;
  notManner: Set<string>;
  haltVerbs: Set<string>;
  asideLinks: Set<string>;
  asideOpeners: Set<string>;
  farewells: Set<string>;
}

const lexiconCache = new WeakMap<Record<string, string>, ClauseLexicon | null>();

/** The clause lexicon of a pack, or null when the pack defines none (the analysis is off). */
export function clauseLexicon(strings: Record<string, string>): ClauseLexicon | null {
  let lex = lexiconCache.get(strings);
  if (lex !== undefined) return lex;
  lex = strings['reasonLinks']
    ? {
        reasonLinks: words(strings['reasonLinks']),
        subjectLinks: words(strings['subjectLinks']),
        subjects: words(strings['subjects']),
        subordinators: words(strings['subordinators']),
        mindsetVerbs: words(strings['mindsetVerbs']),
        leadDrop: words(strings['leadDrop']),
        tryLead: words(strings['tryLead']),
        negations: words(strings['negations']),
        negationsBefore: words(strings['negationsBefore']),
        casualWords: words(strings['casualWords']),
        listEnds: words(strings['listEnds']),
        emergency: words(strings['emergencyWords']),
        notVerbs: words(strings['notVerbs']),
        keepLinks: words(strings['keepLinks']),
        tailJoin: words(strings['tailJoin']),
        notAside: words(strings['notAside']),
        subjectStops: words(strings['subjectStops']),
        copulas: words(strings['copulas']),
        prepositions: words(strings['prepositions']),
        objectVerbs: words(strings['objectVerbs']),
        // "i just mean|honestly,|ok so": longest first; a trailing comma asks for one after it.
        openers: (strings['openers'] ?? '')
          .split('|')
          .map((o) => o.trim().toLowerCase().split(/\s+/).filter(Boolean))
          .filter((o) => o.length)
          .sort((x, y) => y.length - x.length),
        fillers: words(strings['aloneFillers']),
        crudeWords: words(strings['crudeWords']),
        adverbMindset: words(strings['adverbMindset']),
        mindsetAdverbs: words(strings['mindsetAdverbs']),
        mindsetObjects: words(strings['mindsetObjects']),
        notManner: words(strings['notManner']),
        haltVerbs: words(strings['haltVerbs']),
        asideLinks: words(strings['asideLinks']),
        asideOpeners: words(strings['asideOpeners']),
        farewells: new Set((strings['farewells'] ?? '').split('|').map((f) => f.trim().toLowerCase()).filter(Boolean)),
      }
    : null;
  lexiconCache.set(strings, lex);
  return lex;
}
