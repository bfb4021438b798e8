/** The part of `az` (Az.js, Russian morphology over OpenCorpora dictionaries; no types shipped) the substance check uses. */
declare module 'az' {
  interface AzTag {
    POS?: string;
    [grammeme: string]: unknown;
    toString(): string;
  }
  interface AzParse {
    tag: AzTag;
    score: number;
    normalize(keepPOS?: boolean): AzParse;
    word?: string;
    toString(): string;
  }
  interface AzMorph {
    (word: string, config?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (error: unknown) => void): void;
  }
  const Az: { Morph: AzMorph };
  export default Az;
}
