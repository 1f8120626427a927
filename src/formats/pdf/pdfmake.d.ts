// pdfmake 0.3 ships no types; this is the small part jixiao uses.
declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Uint8Array>;
  }
  interface PdfMake {
    virtualfs: { writeFileSync(name: string, data: Uint8Array): void; existsSync(name: string): boolean };
    setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
