// The interface language (Chinese by default, English on request), persisted in localStorage so the
// designer opens in the language the user chose last time. bpmn-js renders its labels once at start-up,
// so switching language reloads the page (the open diagram is carried over in sessionStorage).
export type Language = "zh" | "en";

const STORAGE_KEY = "jintu.designer.language";

export function currentLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}
