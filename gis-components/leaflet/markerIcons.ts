// Leaflet finds its marker images through a CSS path guess that breaks in bundles; give it inlined data:
// URLs instead, so no image is fetched from anywhere.
import iconUrl from "leaflet/dist/images/marker-icon.png?inline";
import iconRetinaUrl from "leaflet/dist/images/marker-icon-2x.png?inline";
import shadowUrl from "leaflet/dist/images/marker-shadow.png?inline";
import L from "./leafletGlobal";

let installed = false;

export function installInlineMarkerIcons(): void {
  if (installed) return;
  installed = true;
  // Leaflet prepends Icon.Default.imagePath to the URLs; empty it so the data: URLs stay intact.
  (L.Icon.Default as unknown as { imagePath: string }).imagePath = "";
  L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });
}
