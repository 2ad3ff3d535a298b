/** The validated catalogues (data/) for the UI, loaded once per process: they do not change while it runs. */
import { loadCatalogues } from '../../catalogue/load.js';

let loaded: ReturnType<typeof loadCatalogues> | null = null;

/** The catalogues, or the issues that make them unusable (file, path, reason). */
export function tuiCatalogues(): ReturnType<typeof loadCatalogues> {
  loaded ??= loadCatalogues();
  return loaded;
}
