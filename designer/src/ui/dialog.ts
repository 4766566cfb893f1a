// Bootstrap modal dialogs created on demand and removed from the DOM when closed.
import { Modal } from "bootstrap";
import { el } from "./dom";
import { t } from "../i18n/messages";

export interface Dialog {
  element: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  close(): void;
  /** Resolves when the dialog is closed, however that happened. */
  closed: Promise<void>;
}

export function openDialog(options: { title: string; size?: "lg" | "xl" | "fullscreen"; testId: string }): Dialog {
  const sizeClass = options.size === "fullscreen" ? "modal-fullscreen" : options.size ? `modal-${options.size}` : "";
  const body = el("div", { class: "modal-body" });
  const footer = el("div", { class: "modal-footer" });
  const closeButton = el("button", { type: "button", class: "btn-close", "aria-label": t("close") });
  const element = el(
    "div",
    { class: "modal", tabindex: "-1", "data-testid": options.testId, "aria-modal": "true", role: "dialog" },
    el(
      "div",
      { class: `modal-dialog modal-dialog-scrollable ${sizeClass}` },
      el(
        "div",
        { class: "modal-content" },
        el("div", { class: "modal-header" }, el("h5", { class: "modal-title" }, options.title), closeButton),
        body,
        footer,
      ),
    ),
  );
  document.body.append(element);
  // No fade: dialogs appear at once, which keeps the UI snappy and browser tests deterministic.
  const modal = new Modal(element, { backdrop: "static", keyboard: true });
  const closed = new Promise<void>((resolve) => {
    element.addEventListener("hidden.bs.modal", () => {
      modal.dispose();
      element.remove();
      resolve();
    });
  });
  closeButton.addEventListener("click", () => modal.hide());
  modal.show();
  return { element, body, footer, close: () => modal.hide(), closed };
}

export function button(label: string, kind: string, testId: string, onClick: () => void): HTMLButtonElement {
  const result = el("button", { type: "button", class: `btn btn-${kind}`, "data-testid": testId }, label);
  result.addEventListener("click", onClick);
  return result;
}
