/**
 * The part of pdfmake 0.3 (server build, `require('pdfmake')`) that src/export/pdf.ts
 * uses; pdfmake ships no TypeScript types and @types/pdfmake describes 0.2.
 */
declare module 'pdfmake' {
  interface PdfMakeFontFamily {
    normal: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }
  interface PdfMakeOutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    /** In-memory file system fonts and images are looked up in before the disk. */
    virtualfs: {
      existsSync(name: string): boolean;
      writeFileSync(name: string, content: Buffer): void;
    };
    setFonts(fonts: Record<string, PdfMakeFontFamily>): void;
    /** Whether a font or image may be fetched from a URL (called for each). */
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    /** Whether a font or image may be read from a local path (called for each). */
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(docDefinition: object, options?: object): PdfMakeOutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
