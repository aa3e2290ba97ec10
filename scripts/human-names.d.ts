/** The part of the `human-names` package (popular given names by language) that gen-name-lexicon.ts reads. */
declare module 'human-names' {
  const names: Record<'allEn' | 'allFr' | 'allDe' | 'allIt' | 'allEs' | 'allNl', string[]>;
  export default names;
}
