/** Stands in for fontkit's Brotli decoder in the bundle (cli/bundle/build.ts): WOFF2 fonts are never embedded. */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported: APSis embeds TrueType fonts');
}
