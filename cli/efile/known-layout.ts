/**
 * The word layout of the fonts APSis embeds, kept by font file hash (plain-layout.ts lays out
 * words of simple letters with it, without fontkit's shaping engine).
 */

/** This module's file: part of the renderer's identity (pdf.ts `rendererIdentity`). */
export const KNOWN_LAYOUT_MODULE = import.meta.url;

/** A font's word layout without shaping, as known-layout.ts keeps it (strings of UTF-16 units). */
export interface KnownKerning {
  /** The simple characters. */
  readonly simple: string;
  /** Each pair of simple characters fontkit kerns: first, second, the first's advance change in font units, then ';'. */
  readonly pairs: string;
  /** Pairs whose layout is more than that (two units each): words with them go to fontkit. */
  readonly complex: string;
}

/**
 * The word layout of the fonts APSis embeds, by the SHA-256 of the font file, as plain-layout.ts
 * `measureKerning` finds it: their simple characters, the pairs of them fontkit kerns and by how
 * much. Finding it reads the fonts' GSUB and GPOS tables and lays out every pair (~0.4 s a font, in
 * a process whose text otherwise never needs those tables); a font not listed here gets its plain
 * characters found as it is first used. test/efile/plain-layout.test.ts checks each entry.
 */
export const KNOWN_KERNING: Readonly<Record<string, KnownKerning>> = {
  // DejaVuSans.ttf (dejavu-fonts-ttf 2.37.3)
  '7da195a74c55bef988d0d48f9508bd5d849425c1770dba5d7bfc6ce9ed848954': {
    simple: "0123456789-:–…., /()!\"#$%&'*+;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdeghijklmnopqrstuvwxyz{|}~āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽäöüõÄÖÜÕ—→·„“”«»€§°№",
    pairs: "-A-45;-B-73;-G75;-J114;-O57;-Q75;-T-188;-V-120;-W-83;-X-102;-Y-243;-o38;-v-55;-y-36;-Ā-45;-ö38;-õ38;-Ä-45;-Ö57;-Õ57;A--45;A:-36;A.-36;AA57;AC-36;AG-36;AO-36;AQ-36;AT-159;AV-131;AW-112;AY-159;Ac-36;Ad-36;Ae-36;Ao-36;Aq-36;At-36;Av-120;Aw-83;Ay-139;Ač-36;Aē-36;AĀ57;AČ-36;Aö-36;Aõ-36;AÄ57;AÖ-36;AÕ-36;A„47;A“-264;A”-253;A«-73;BC-36;BG-36;BO-36;BS-36;BV-63;BW-73;BY-112;BČ-36;BĢ-36;BŠ-36;BÖ-36;BÕ-36;B„-83;B“-112;B”-112;B«-63;B»-36;CY-36;C”38;C«-36;C»-36;DA-36;DV-36;DY-112;DĀ-36;DÄ-36;D„-188;D“-45;D”-55;D«-36;D»-36;F:-159;F.-329;FA-188;FS-36;FT-36;Fa-188;Fe-112;Fi-149;Fo-73;Fr-149;Fu-112;Fy-188;Fā-188;Fē-112;Fū-112;FĀ-188;FŠ-36;Fä-188;Fö-73;Fü-112;Fõ-73;FÄ-188;F„-376;F“-45;GT-73;GY-102;G„-55;G“-45;G”-45;G«-36;G»-36;H.-36;H„-73;H“-73;H”-63;J--73;JA-36;JÄ-36;J„-112;J“-73;J”-63;J«-36;J»-36;K--215;KA-36;KC-112;KO-112;KT-159;KU-55;KW-73;KY-73;Ka-36;Ke-102;Ko-102;Ku-102;Ky-149;KČ-112;Kä-36;Kö-102;Kü-102;Kõ-102;KÄ-36;KÖ-112;KÜ-55;KÕ-112;K“-63;K”-63;K«-131;L--36;LA47;LO-73;LT-282;LU-102;LV-225;LW-188;LY-272;Le-36;Lo-36;Lu-36;Ly-188;Lö-36;Lü-36;Lõ-36;LÄ47;LÖ-73;LÜ-102;LÕ-73;L“-415;L”-538;O-57;O:-36;O.-83;OA-36;OV-36;OX-131;OY-112;OÄ-36;O„-188;O“-45;O”-36;O«-36;P--45;P.-319;PA-131;PY-45;Pa-92;Pe-73;Pi-45;Pn-36;Po-73;Pr-36;Ps-36;Pu-36;Pš-36;Pä-92;Pö-73;Pü-36;Põ-73;PÄ-131;P„-329;P“38;P”38;P«-36;Q-57;Q„-131;Q“-45;Q”-36;R--83;R:-63;R.-73;RA-83;RC-102;RT-149;RV-112;RW-83;RY-131;Ra-45;Re-92;Ro-92;Ru-92;Ry-112;RČ-102;Rä-45;Rö-92;Rü-92;Rõ-92;RÄ-83;R„-36;R“-149;R”-131;R«-112;R»-36;SA38;SÄ38;T--188;T:-225;T.-243;TA-159;TC-120;TT-36;Ta-339;Tc-348;Te-348;Ti-63;To-348;Tr-301;Ts-339;Tu-311;Tw-339;Ty-319;Tč-348;Tš-339;TČ-120;Tä-239;Tö-268;Tü-281;Tõ-268;TÄ-159;T„-264;T”-45;T«-188;T»-112;UZ-36;UŽ-36;V--120;V:-167;V.-264;VA-131;VO-36;Va-159;Ve-159;Vi-45;Vo-159;Vu-139;Vy-55;Vä-159;Vö-159;Vü-139;Võ-159;VÄ-131;VÖ-36;VÕ-36;V„-282;V«-178;V»-112;W--83;W:-120;W.-235;WA-112;Wa-131;We-120;Wi-45;Wo-120;Wr-92;Wu-73;Wy-36;Wä-131;Wö-120;Wü-73;Wõ-120;WÄ-112;W„-264;W“-36;W«-112;W»-36;X--102;XC-149;XO-131;XT-36;Xe-92;XČ-149;XÖ-131;XÕ-131;X„-45;X“-159;X”-83;X«-112;Y--243;Y:-272;Y.-415;YA-159;YC-112;YO-112;Ya-282;Ye-272;Yi-73;Yo-272;Yu-235;YČ-112;Yä-282;Yö-272;Yü-235;Yõ-272;YÄ-159;YÖ-112;YÕ-112;Y„-264;Y“-112;Y”-36;Y«-225;Y»-149;Z--36;Z„-36;Z“-36;Z”-36;ex-36;ka-36;ke-73;ko-73;ku-63;ky-73;kä-36;kö-73;kü-63;kõ-73;n„-92;n“-149;n”-112;o-38;o.-36;ox-63;o„-131;o“-149;o”-73;r--131;r:-36;r.-188;rc-45;rd-36;re-45;rg-36;rh-36;rm-36;rn-36;ro-45;rq-36;rr-36;rx-55;rč-45;rö-45;rõ-45;r„-311;r”86;r«-73;v--55;v:-112;v.-159;v„-272;v”-36;v«-36;v»-36;w:-112;w.-188;w„-215;w«-36;w»-36;xc-36;xe-63;xo-63;xč-36;xö-63;xõ-63;y--36;y:-149;y.-292;y„-301;y«-36;y»-36;Ā--45;Ā:-36;Ā.-36;ĀA57;ĀC-36;ĀG-36;ĀO-36;ĀQ-36;ĀT-159;ĀV-131;ĀW-112;ĀY-159;Āc-36;Ād-36;Āe-36;Āo-36;Āq-36;Āt-36;Āv-120;Āw-83;Āy-139;Āē-36;ĀĀ57;ĀČ-36;Āö-36;Āõ-36;ĀÄ57;ĀÖ-36;ĀÕ-36;Ā„47;Ā“-264;Ā”-254;Ā«-73;ČY-36;Č”38;Č«-36;Č»-36;ŠA38;ŠÄ38;Ž--36;Ž„-36;Ž“-36;Ž”-36;ö-38;ö.-36;öx-63;ö„-131;ö“-149;ö”-73;õ-38;õ.-36;õx-63;õ„-131;õ“-149;õ”-73;Ä--45;Ä:-36;Ä.-36;ÄA57;ÄC-36;ÄG-36;ÄO-36;ÄQ-36;ÄT-159;ÄV-131;ÄW-112;ÄY-159;Äc-36;Äd-36;Äe-36;Äo-36;Äq-36;Ät-36;Äv-120;Äw-83;Äy-139;Äč-36;Äē-36;ÄĀ57;ÄČ-36;Äö-36;Äõ-36;ÄÄ57;ÄÖ-36;ÄÕ-36;Ä„47;Ä“-264;Ä”-253;Ä«-73;Ö-57;Ö:-36;Ö.-83;ÖA-36;ÖV-36;ÖX-131;ÖY-112;ÖÄ-36;Ö„-188;Ö“-45;Ö”-36;Ö«-36;ÜZ-36;ÜŽ-36;Õ-57;Õ:-36;Õ.-83;ÕA-36;ÕV-36;ÕX-131;ÕY-112;ÕÄ-36;Õ„-188;Õ“-45;Õ”-36;Õ«-36;„A38;„B-73;„C-112;„D-73;„F-73;„G-73;„H-73;„J47;„K-73;„L-73;„O-112;„P-73;„Q-112;„R-73;„T-282;„V-376;„W-253;„X-73;„Y-376;„n-73;„o-73;„r-73;„v-235;„w-196;„y-112;„Č-112;„ö-73;„õ-73;„Ä38;„Ö-112;„Õ-112;“A-264;“B-63;“C-73;“D-63;“F-63;“G-73;“H-63;“J-63;“K-63;“L-63;“O-73;“P-63;“Q-73;“R-63;“X-120;“Z-36;“n-112;“o-149;“r-112;“v-73;“w-73;“y-73;“Č-73;“Ž-36;“ö-149;“õ-149;“Ä-264;“Ö-73;“Õ-73;«B-36;«C-36;«D-36;«G-36;«J-36;«T-112;«V-112;«W-36;«Y-149;«v-36;«w-36;«y-36;«Č-36;»A-73;»B-73;»C-36;»D-36;»J-36;»O-36;»T-188;»V-178;»W-112;»X-112;»Y-225;»v-36;»w-36;»y-36;»Č-36;»Ä-73;»Ö-36;»Õ-36;",
    complex: "",
  },
  // DejaVuSans-Bold.ttf (dejavu-fonts-ttf 2.37.3)
  'e6476c1b80502924294eed40894c5b18e06c181444ca953e5334262df9c27724': {
    simple: "0123456789-:–…., /()!\"#$%&'*+;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdeghijklmnopqrstuvwxyz{|}~āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽäöüõÄÖÜÕ—→·„“”«»€§°№",
    pairs: "-T-301;-V-149;-W-92;-X-167;-Y-301;A:38;A.38;A,38;A;38;AT-159;AU-63;AV-139;AW-92;AY-196;Av-73;Ay-73;AŪ-63;AÜ-63;A„114;A”-188;BV-83;BW-112;BY-112;C-47;CS38;CŠ38;C”75;D-38;DY-149;D„-36;F--63;F:-112;F.-301;F,-329;F;-112;FA-235;Fa-120;Fe-83;Fo-83;Fr-131;Fu-102;Fy-112;Fā-120;Fē-83;Fū-102;FĀ-235;Fä-120;Fö-83;Fü-102;Fõ-83;FÄ-235;F„-339;GT-36;GY-45;K--178;KC-92;KO-92;KU-36;Ke-36;Ko-36;Ku-36;Ky-131;KČ-92;Kö-36;Kü-36;Kõ-36;KÖ-92;KÜ-36;KÕ-92;K„38;LO-73;LT-339;LU-73;LV-282;LW-159;LY-319;Ly-139;LÖ-73;LÜ-73;LÕ-73;L”-491;O-38;O.-45;O,-45;OA-55;OV-55;OX-73;OY-73;OÄ-55;P--36;P.-376;P,-376;PA-188;Pa-55;Ps-36;Py38;Pš-36;Pä-55;PÄ-188;P„-415;P”38;Q-38;R.38;R,38;RT-92;RY-112;Ry-92;SS-92;SŠ-92;T--301;T:-112;T.-311;T,-292;T;-112;TA-159;TT47;Ta-264;Tc-272;Te-272;To-272;Tr-225;Ts-272;Tu-225;Tw-225;Ty-243;Tč-272;Tš-272;Tä-164;Tö-192;Tü-195;Tõ-192;TÄ-159;T„-264;UA-63;UÄ-63;V--149;V:-92;V.-264;V,-264;V;-92;VA-139;VO-36;Va-112;Ve-112;Vi-36;Vo-112;Vu-73;Vä-112;Vö-112;Vü-73;Võ-112;VÄ-139;VÖ-36;VÕ-36;V„-188;W--92;W:-63;W.-167;W,-167;W;-63;WA-92;Wa-73;We-73;Wo-73;Wr-36;Wä-73;Wö-73;Wõ-73;WÄ-92;X--167;XC-73;XO-73;Xe-55;XČ-73;XÖ-73;XÕ-73;X„38;Y--301;Y:-178;Y.-339;Y,-339;Y;-178;YA-196;YC-73;YO-73;Ya-188;Ye-188;Yo-188;Yu-149;YČ-73;Yä-188;Yö-188;Yü-149;Yõ-188;YÄ-196;YÖ-73;YÕ-73;Y„-301;Z--36;ay-63;ke-55;ko-55;kö-55;kõ-55;r.-292;r,-301;r”38;v.-167;v,-167;w.-131;w,-131;y.-188;y,-159;Ā:38;Ā.38;Ā,38;Ā;38;ĀT-159;ĀU-63;ĀV-139;ĀW-92;ĀY-196;Āv-73;Āy-73;ĀŪ-63;ĀÜ-63;Ā„114;Ā”-188;Č-47;ČS38;ČŠ38;Č”75;ŠS-92;ŠŠ-92;Ž--36;äy-63;Ä:38;Ä.38;Ä,38;Ä;38;ÄT-159;ÄU-63;ÄV-139;ÄW-92;ÄY-196;Äv-73;Äy-73;ÄŪ-63;ÄÜ-63;Ä„114;Ä”-188;Ö-38;Ö.-45;Ö,-45;ÖA-55;ÖV-55;ÖX-73;ÖY-73;ÖÄ-55;ÜA-63;ÜÄ-63;Õ-38;Õ.-45;Õ,-45;ÕA-55;ÕV-55;ÕX-73;ÕY-73;ÕÄ-55;„T-415;„V-282;„W-215;„Y-358;“A-264;“J-92;“Y38;“Ä-264;",
    complex: "",
  },
};
