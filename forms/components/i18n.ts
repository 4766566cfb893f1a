// Jintu components follow Form.io's language: English when it is "en…", Chinese otherwise. Form.io itself
// falls back to "en" for a language it has no translations for, so apps pass { language: "zh", i18n: { zh: {…} } }.
import type { FieldMessage } from "../schema";

export type Language = "zh" | "en";

export function languageOf(options: Record<string, any> | undefined): Language {
  return typeof options?.language === "string" && options.language.startsWith("en") ? "en" : "zh";
}

export function say(language: Language, zh: string, en: string): string {
  return language === "en" ? en : zh;
}

export function messageText(message: FieldMessage, language: Language): string {
  return language === "en" ? message.en : message.zh;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
