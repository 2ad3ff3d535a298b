/**
 * The plain characters (plain-layout.ts) of the fonts APSis embeds, by the SHA-256 of the font file,
 * as `findPlain` finds them. Finding them reads the fonts' GSUB and GPOS tables, ~70 ms in a fresh
 * process that otherwise never decodes those tables (all its text plain). A font not listed here is
 * read as before; test/efile/plain-layout.test.ts checks each entry against `findPlain`.
 */
export const KNOWN_PLAIN: Readonly<Record<string, string>> = {
  // DejaVuSans.ttf (dejavu-fonts-ttf 2.37.3)
  '7da195a74c55bef988d0d48f9508bd5d849425c1770dba5d7bfc6ce9ed848954': " \"#$%&'()*+,-./0123456789:;<=>@CDEMNU[\\]^_`bdeghmnpqtuz{|}~§°·ÜäüāČčĒēĢģĪīĶķĻļŅņŠšŪūž–—…€№→",
  // DejaVuSans-Bold.ttf (dejavu-fonts-ttf 2.37.3)
  'e6476c1b80502924294eed40894c5b18e06c181444ca953e5334262df9c27724': " \"#$%&'()*+,-./0123456789:;<=>@BEGHLMN[\\]^_`bdeghmnopqtuxz{|}~§«°·»äõöüāčĒēĢģĪīĶķĻļŅņšŪūž–—“„…€№→",
};
