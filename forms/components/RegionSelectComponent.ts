// regionSelect: province → city → county cascade over GB/T 2260 codes (regions.json). Value: the 6-digit
// code of the deepest level chosen. 直辖市 go straight from province to district; 仙桃 429004 sits
// among Hubei's cities; 东莞 441900 has no third level.
import { childrenOf, isWithin, path, type Region } from "../../gis-components/index";
import { REGION_SELECT, type RegionSelectSettings } from "../schema";
import { checkRegionSelectValue } from "../validation/regionSelect";
import { regionSelectEditForm } from "./editForms";
import { withJintuErrors } from "./formioErrors";
import type { FormioFieldClass } from "./formioTypes";
import { escapeHtml, languageOf, say } from "./i18n";

const LEVEL_LABELS = [
  { zh: "省", en: "Province" },
  { zh: "市", en: "City" },
  { zh: "区县", en: "County" },
];

export function createRegionSelectComponent(Field: FormioFieldClass) {
  return class RegionSelectComponent extends Field {
    static override schema(...extend: unknown[]) {
      return Field.schema({ type: REGION_SELECT, label: "行政区", key: "region", input: true, requiredTier: "county" }, ...extend);
    }

    static get builderInfo() {
      return { title: "行政区 Region", group: "advanced", icon: "sitemap", weight: 72, schema: RegionSelectComponent.schema() };
    }

    static override editForm = regionSelectEditForm(Field);

    private currentValue: string | null = null;

    get defaultSchema() {
      return RegionSelectComponent.schema();
    }

    get emptyValue() {
      return null;
    }

    private get settings(): RegionSelectSettings {
      return this.component as RegionSelectSettings;
    }

    override render(): string {
      return super.render(`<div ref="jintuSelects" class="jintu-region-select d-flex gap-2 flex-wrap"></div>`);
    }

    override attach(element: HTMLElement) {
      this.loadRefs(element, { jintuSelects: "single" });
      const attached = super.attach(element);
      this.currentValue = (this.dataValue as string | null) || null;
      this.renderSelects();
      return attached;
    }

    override getValue() {
      return this.currentValue;
    }

    override setValue(value: unknown, flags: Record<string, unknown> = {}) {
      this.currentValue = typeof value === "string" && value !== "" ? value : null;
      const changed = super.setValue(this.currentValue, flags);
      if (!flags.fromSelect) this.renderSelects();
      return changed;
    }

    override validateComponent(data?: unknown, row?: unknown, flags: Record<string, unknown> = {}) {
      return withJintuErrors(this, super.validateComponent(data, row, flags), () => checkRegionSelectValue(this.currentValue, this.settings));
    }

    /** One select per level below the root, down to the chosen region's children (if any). */
    private renderSelects() {
      const container: HTMLElement | undefined = this.refs.jintuSelects;
      if (!container) return;
      const language = languageOf(this.options);
      const root = this.settings.rootCode || "000000";
      // The chosen chain below the root, e.g. [浙江, 杭州, 西湖区] for 330106 under 000000.
      const chosen = this.currentValue ? path(this.currentValue).filter((r) => r.code !== root && isWithin(r.code, root)) : [];
      const levels: { parent: string; selected?: Region }[] = [{ parent: root, selected: chosen[0] }];
      chosen.forEach((region, i) => levels.push({ parent: region.code, selected: chosen[i + 1] }));
      container.innerHTML = "";
      const depthOffset = path(root).filter((r) => r.tier !== "national").length;
      levels.forEach(({ parent, selected }, index) => {
        const options = childrenOf(parent);
        if (options.length === 0) return;
        const select = document.createElement("select");
        select.className = "form-select form-select-sm w-auto";
        select.dataset.level = String(index);
        select.disabled = Boolean(this.options.readOnly || this.component.disabled);
        const label = LEVEL_LABELS[Math.min(index + depthOffset, 2)]!;
        select.setAttribute("aria-label", say(language, label.zh, label.en));
        select.innerHTML =
          `<option value="">${escapeHtml(say(language, `请选择${label.zh}`, `Choose ${label.en.toLowerCase()}`))}</option>` +
          options.map((r) => `<option value="${r.code}"${r.code === selected?.code ? " selected" : ""}>${escapeHtml(r.name)}</option>`).join("");
        this.addEventListener(select, "change", () => {
          // Clearing a level falls back to the level above it.
          const value = select.value || (index === 0 ? null : parent);
          this.setValue(value, { modified: true });
        });
        container.appendChild(select);
      });
    }
  };
}
