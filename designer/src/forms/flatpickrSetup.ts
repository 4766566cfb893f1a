// Form.io's date/time component (CalendarWidget) loads flatpickr, its CSS and its locale files from a CDN
// unless `window.flatpickr` (and `window["flatpickr-<language>"]`) already exist: Formio.requireLibrary
// resolves with the global it finds and never adds the <script>/<link>. So flatpickr 4.6.13 (the version
// Form.io's own fork "4.6.13-formio.3" follows) and its Chinese locale are bundled and published here,
// before Form.io renders a date field. Its CSS is imported as well (requireLibrary skips the CSS link too).
import flatpickr from "flatpickr";
import { Mandarin } from "flatpickr/dist/l10n/zh.js";
import "flatpickr/dist/flatpickr.min.css";

flatpickr.l10ns.zh = Mandarin;
const globals = window as unknown as Record<string, unknown>;
globals.flatpickr = flatpickr;
globals["flatpickr-zh"] = Mandarin;

export default flatpickr;
