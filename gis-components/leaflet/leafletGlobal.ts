// geoman patches the global `L`: this module makes window.L the bundled Leaflet, and every widget imports
// Leaflet from here, so geoman (imported after it) patches the same instance the widgets use.
import L from "leaflet";

declare global {
  interface Window {
    L: typeof L;
  }
}

if (typeof window !== "undefined") window.L = L;

export default L;
