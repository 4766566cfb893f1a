// wellknown 0.5 ships no type declarations.
declare module "wellknown" {
  const wellknown: { parse(wkt: string): object | null; stringify(geometry: object): string };
  export default wellknown;
}
declare module "shpjs" {
  export function parseZip(buffer: ArrayBuffer | Uint8Array, whiteList?: string[]): Promise<unknown>;
  const getShapefile: (input: unknown) => Promise<unknown>;
  export default getShapefile;
}
