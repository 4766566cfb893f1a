// GET /login: a plain HTML form (fields `username`, `password`) that posts to /api/auth/login and then
// goes to `next`. Chinese by default, English with ?lang=en. No scripts, no external resources.

const TEXT = {
  zh: { title: "金土工程 · 登录", heading: "金土工程电子政务平台", username: "用户名", password: "密码", submit: "登录",
    error: "用户名或密码错误。", limited: "登录失败次数过多，请稍后再试。", switchLabel: "English", lang: "zh-CN" },
  en: { title: "Jintu · Sign in", heading: "Jintu e-government platform", username: "Username", password: "Password", submit: "Sign in",
    error: "Wrong username or password.", limited: "Too many failed attempts; try again later.", switchLabel: "中文", lang: "en" },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Only same-site paths: `/portal/…`, never `//evil.example` or `https://…`. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/";
}

export function renderLoginPage(options: { lang: "zh" | "en"; next: string; error?: "credentials" | "limited" | null }): string {
  const t = TEXT[options.lang];
  const next = safeNext(options.next);
  const other = options.lang === "zh" ? "en" : "zh";
  const switchHref = `/login?lang=${other}&next=${encodeURIComponent(next)}`;
  const error = options.error === "credentials" ? t.error : options.error === "limited" ? t.limited : null;
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f2f4f7; margin: 0; }
  main { max-width: 360px; margin: 12vh auto; background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 24px; color: #1d3b6a; }
  label { display: block; margin: 12px 0 4px; font-size: 14px; color: #333; }
  input { width: 100%; box-sizing: border-box; padding: 8px 10px; font-size: 15px; border: 1px solid #c8ced8; border-radius: 4px; }
  button { margin-top: 20px; width: 100%; padding: 10px; font-size: 15px; background: #1d5fbf; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b42318; background: #fef3f2; padding: 8px 10px; border-radius: 4px; font-size: 14px; }
  .lang { text-align: right; font-size: 13px; margin: -16px 0 8px; }
</style>
</head>
<body>
<main>
  <p class="lang"><a href="${escapeHtml(switchHref)}">${t.switchLabel}</a></p>
  <h1>${t.heading}</h1>
  ${error ? `<p class="error" role="alert">${error}</p>` : ""}
  <form method="post" action="/api/auth/login">
    <input type="hidden" name="next" value="${escapeHtml(next)}">
    <input type="hidden" name="lang" value="${options.lang}">
    <label for="username">${t.username}</label>
    <input id="username" name="username" autocomplete="username" required autofocus>
    <label for="password">${t.password}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">${t.submit}</button>
  </form>
</main>
</body>
</html>`;
}
