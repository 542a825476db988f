// gen.mjs writes piiguard's lexicon data files (rules/lexicons/*.txt), SOURCES.md and LICENSE.faker from the
// pinned packages in package.json. Run it with `make lexicons` (npm ci + node gen.mjs); never edit the output by
// hand. Every filtering rule lives here:
//   - each entry is NFKC-normalised and lower-cased code point by code point (as Go's unicode.ToLower folds, so
//     the Go side's tokens.Hash of a line equals the hash of the token in text; 'İ' becomes 'i');
//   - an entry must be one token of the scanner's pass: letters and combining marks only. Entries with a space
//     ("ana maría", "anh vũ"), a hyphen or an apostrophe ("ann-christin", "o'brien") or a digit are skipped and
//     counted in SOURCES.md (multi-token entries are left for later);
//   - name lists: at least 2 letters, and not a stop word of the list's own language (immigrant lists: not a stop
//     word of any of de, da, it, en); each name also gets its diacritic-free spelling ("müller" → "muller",
//     "yılmaz" → "yilmaz", "søren" → "soren"), filtered the same way;
//   - stop words are kept as stopwords-iso ships them (one-letter words such as Italian "e" included), with the
//     one-token rule only;
//   - output is sorted (code point order), deduplicated, one entry a line, after '#' header lines naming the
//     source, version, locales and licence.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as faker from '@faker-js/faker';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..');
const stopwordsIso = require('stopwords-iso');

const pkgVersion = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const FAKER = `@faker-js/faker ${pkgVersion('@faker-js/faker')}`;
const STOP = `stopwords-iso ${pkgVersion('stopwords-iso')}`;

// The four languages of the engine, and the faker locales each one's name lists are taken from. faker's da locale
// is small (about 230 first names, 100 surnames), so Norwegian (nb_NO) and Swedish (sv) names, common in Denmark
// and close in spelling, are added to it. en_GB, en_US and en_IE carry no person names of their own in faker
// (they fall back to en); en_AU adds a few.
const LANGS = {
  de: ['de', 'de_CH'],
  da: ['da', 'nb_NO', 'sv'],
  it: ['it'],
  en: ['en', 'en_AU'],
};

// Locales whose names are common among immigrant communities in Germany, Denmark, Italy and the UK: Turkish,
// Polish, Arabic, Russian, Ukrainian, Romanian/Moldovan, Croatian/Serbian/Macedonian, Vietnamese, Spanish,
// Portuguese, Greek, Persian, Urdu, Indian and Nigerian English, Yoruba, Czech, Slovak, Hungarian, Slovenian,
// Albanian is missing (faker has no sq locale). ar, ru, uk, mk, el, fa and ur are in their own scripts: their names
// match text in that script only (transliterations such as "Mohammed" or "Olga" come from other lists or not at all).
const IMMIGRANT = ['tr', 'pl', 'ar', 'ru', 'uk', 'ro', 'ro_MD', 'hr', 'sr_RS_latin', 'mk', 'vi', 'es', 'es_MX',
  'pt_PT', 'pt_BR', 'el', 'fa', 'ur', 'en_IN', 'en_NG', 'yo_NG', 'cs_CZ', 'sk', 'hu', 'sl_SI', 'az'];

const lower = (s) => Array.from(s.normalize('NFKC'), (c) => (c === 'İ' ? 'i' : c.toLowerCase())).join('');
const oneToken = /^[\p{L}\p{M}]+$/u;
const letters = (s) => (s.match(/\p{L}/gu) || []).length;
const plain = { 'ı': 'i', 'ł': 'l', 'đ': 'd', 'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ð': 'd' };
const diacriticFree = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ıłđßøæœþð]/g, (c) => plain[c]).normalize('NFC');

const values = (v) => (!v ? [] : Array.isArray(v) ? v : Object.values(v).flat());

const stop = {};
for (const l of Object.keys(LANGS)) stop[l] = new Set(stopwordsIso[l].map(lower));
const anyStop = new Set(Object.values(stop).flatMap((s) => [...s]));

const counts = [];

function write(file, header, entries, skipped) {
  const sorted = [...new Set(entries)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))); // UTF-8 byte order, as Go sorts
  const text = header.map((h) => `# ${h}\n`).join('') + sorted.map((e) => `${e}\n`).join('');
  writeFileSync(join(out, file), text);
  counts.push({ file, header, n: sorted.length, skipped });
}

// names gathers one person field (first_name or last_name) of the locales into a filtered list.
function names(locales, field, stops) {
  const raw = locales.flatMap((l) => {
    if (!faker[l]?.person?.[field]) throw new Error(`faker locale ${l} has no person.${field}`);
    return values(faker[l].person[field]);
  });
  const kept = [];
  const skipped = { multiToken: 0, short: 0, stopWord: 0 };
  for (const r of raw) {
    const w = lower(r);
    if (!oneToken.test(w)) { skipped.multiToken++; continue; }
    for (const v of new Set([w, diacriticFree(w)])) {
      if (!oneToken.test(v)) continue;
      if (letters(v) < 2) { skipped.short++; continue; }
      if (stops.has(v)) { skipped.stopWord++; continue; }
      kept.push(v);
    }
  }
  return { kept, skipped };
}

const gen = 'generated by rules/lexicons/gen/gen.mjs (make lexicons); do not edit by hand';
const fields = { first_name: ['first_names', 'first names'], last_name: ['surnames', 'surnames'] };

for (const [field, [base, what]] of Object.entries(fields)) {
  for (const [l, locales] of Object.entries(LANGS)) {
    const { kept, skipped } = names(locales, field, stop[l]);
    write(`${base}.${l}.txt`, [
      `${what}, ${l}: ${gen}`,
      `source: ${FAKER} (MIT, see LICENSE.faker), locales ${locales.join(', ')}, person.${field}`,
      `rules: NFKC, lower-case, one token, >= 2 letters, plus diacritic-free spellings, minus ${l} stop words (${STOP})`,
    ], kept, skipped);
  }
  const { kept, skipped } = names(IMMIGRANT, field, anyStop);
  write(`${base}.immigrant.txt`, [
    `${what} common among immigrant communities in DE, DK, IT, GB: ${gen}`,
    `source: ${FAKER} (MIT, see LICENSE.faker), locales ${IMMIGRANT.join(', ')}, person.${field}`,
    `rules: NFKC, lower-case, one token, >= 2 letters, plus diacritic-free spellings, minus de/da/it/en stop words (${STOP})`,
  ], kept, skipped);
}

for (const l of Object.keys(LANGS)) {
  const kept = [];
  const skipped = { multiToken: 0 };
  for (const r of stopwordsIso[l]) {
    const w = lower(r);
    if (oneToken.test(w)) kept.push(w); else skipped.multiToken++;
  }
  write(`stopwords.${l}.txt`, [
    `stop words, ${l}: ${gen}`,
    `source: ${STOP} (MIT, see LICENSE.stopwords-iso), language ${l}`,
    'rules: NFKC, lower-case, one token',
  ], kept, skipped);
}

copyFileSync(join(here, 'node_modules', '@faker-js', 'faker', 'LICENSE'), join(out, 'LICENSE.faker'));
// stopwords-iso's npm package declares MIT but ships no licence file; LICENSE.stopwords-iso is the LICENSE of its
// GitHub repository, committed by hand once.
if (!existsSync(join(out, 'LICENSE.stopwords-iso'))) throw new Error('rules/lexicons/LICENSE.stopwords-iso is missing');

const skippedText = (s) => Object.entries(s).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
const md = [
  '# Lexicon sources',
  '',
  `Generated by \`rules/lexicons/gen/gen.mjs\` (\`make lexicons\`); do not edit the data files or this table by hand.`,
  'The filtering rules are in the script\'s opening comment. Skipped counts are raw entries (before',
  'deduplication): multiToken = not one token of the scanner pass (space, hyphen, apostrophe, digit), short = fewer',
  'than 2 letters, stopWord = a stop word of the list\'s language (immigrant lists: of any of de, da, it, en).',
  '',
  '| file | entries | source | skipped |',
  '| --- | ---: | --- | --- |',
  ...counts.map((c) => `| ${c.file} | ${c.n} | ${c.header[1].replace(/^source: /, '')} | ${skippedText(c.skipped)} |`),
  '',
  '## Licences',
  `- ${FAKER}: MIT, text in \`LICENSE.faker\` (copied from the package).`,
  `- ${STOP}: MIT (declared in its package.json; the package ships no licence file), text in`,
  '  `LICENSE.stopwords-iso` from github.com/stopwords-iso/stopwords-iso (commit 6e8e9a2).',
  '',
].join('\n');
writeFileSync(join(out, 'SOURCES.md'), md);
for (const c of counts) console.log(`${c.file}\t${c.n}`);
