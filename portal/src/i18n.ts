// Chinese UI with an English switch; the choice is kept in localStorage.
export type Language = "zh" | "en";
const STORAGE_KEY = "jintu.portal.language";

const zh = {
  appTitle: "金土政务服务门户", inbox: "待办事项", cases: "案件监督", statistics: "统计分析", map: "案件地图", apply: "网上申报", track: "办件查询",
  notices: "公示公告", login: "登录", logout: "退出", switchLanguage: "English", loading: "加载中…", none: "暂无数据", error: "出错了",
  flow: "业务", allFlows: "全部业务", overdue: "超期", dueSoon: "临期", businessKey: "案件编号", applicant: "申请人", taskName: "办理环节", search: "查询",
  reset: "重置", created: "到达时间", due: "办理时限", priority: "优先级", sortBy: "排序", asc: "升序", desc: "降序", total: "共 {n} 件", prev: "上一页", next: "下一页",
  assignedToMe: "只看我签收的", claim: "签收", unclaim: "取消签收", complete: "提交办理", caseSummary: "案件概况", region: "行政区", startTime: "申报时间",
  opinions: "审批意见", attachments: "附件材料", upload: "上传附件", download: "下载", delete: "删除", noOpinions: "尚无审批意见", noAttachments: "尚无附件",
  attachmentHint: "允许 PDF、图片、Office、OFD、ZIP、GeoJSON，单个不超过 20 MB", taskDone: "已提交，案件进入下一环节。", backToInbox: "返回待办",
  claimFirst: "请先签收本件再办理。", notYours: "本件已由 {user} 签收。", validationFailed: "提交未通过校验，请按提示修改（已填写内容均保留）。",
  serverError: "提交失败：{message}（已填写内容均保留）", status: "状态", running: "办理中", completed: "已办结", suspended: "已挂起", incident: "异常",
  all: "全部", from: "起始日期", to: "截止日期", openTasks: "当前环节", holder: "办理人", candidates: "待签收（{groups}）", workingDaysOpen: "已用 {n} 个工作日",
  workingDaysLeft: "剩余 {n} 个工作日", overdueBy: "超期 {n} 个工作日", diagram: "流程图", history: "办理过程", audit: "操作记录", incidents: "异常",
  retry: "重试", urge: "催办", suspend: "挂起", resume: "恢复", urgeDone: "已催办：{who}", suspendedDone: "案件已挂起", resumedDone: "案件已恢复",
  started: "受理", completedCount: "办结", runningCount: "在办", overdueCount: "超期", avgDuration: "平均办理时长", stepDurations: "各环节平均用时",
  days: "{n} 天", hours: "{n} 小时", byRegion: "按地区", publicFlows: "可网上申报的事项", chooseFlow: "选择事项", loginToApply: "网上申报需要申请人账号，请先登录。",
  submitApplication: "提交申报", receiptTitle: "申报成功", receiptNo: "受理编号", queryCode: "查询码", receiptHint: "请妥善保存受理编号和查询码，凭此查询办理进度。",
  myApplications: "我的申报", trackTitle: "办件进度查询", trackHint: "输入受理编号和查询码", notFoundTrack: "未找到该办件，请核对受理编号和查询码。",
  inProgress: "办理中", terminated: "已终止", result: "办理结果", currentStep: "当前环节", steps: "办理进度", noticeTitle: "公示公告", noNotices: "目前没有公示中的公告",
  noticePeriod: "公示期：{from} 至 {until}", legend: "图例", caseCount: "{n} 个案件", noGeometry: "所选案件没有地块或点位", unread: "未读", urgeNotices: "催办提醒", markRead: "知道了",
  publishNotice: "发布公示", noticeBody: "公示内容", noticeDays: "公示天数", publish: "发布", published: "已发布公示", welcome: "欢迎使用金土政务服务门户",
  welcomeHint: "公众可网上申报、查询办件进度、查看公示；工作人员请登录办理。", openCase: "查看案件", flowCounts: "各业务待办",
} as const;
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: "Jintu Government Service Portal", inbox: "Inbox", cases: "Case supervision", statistics: "Statistics", map: "Case map", apply: "Apply online",
  track: "Track application", notices: "Public notices", login: "Log in", logout: "Log out", switchLanguage: "中文", loading: "Loading…", none: "Nothing here",
  error: "Error", flow: "Flow", allFlows: "All flows", overdue: "Overdue", dueSoon: "Due soon", businessKey: "Case no.", applicant: "Applicant", taskName: "Step",
  search: "Search", reset: "Reset", created: "Arrived", due: "Deadline", priority: "Priority", sortBy: "Sort", asc: "Ascending", desc: "Descending",
  total: "{n} in total", prev: "Previous", next: "Next", assignedToMe: "Claimed by me only", claim: "Claim", unclaim: "Unclaim", complete: "Submit",
  caseSummary: "Case summary", region: "Region", startTime: "Submitted", opinions: "Opinions", attachments: "Attachments", upload: "Upload",
  download: "Download", delete: "Delete", noOpinions: "No opinions yet", noAttachments: "No attachments yet",
  attachmentHint: "PDF, images, Office, OFD, ZIP, GeoJSON; at most 20 MB each", taskDone: "Submitted; the case moves on.", backToInbox: "Back to the inbox",
  claimFirst: "Claim this task before working on it.", notYours: "Claimed by {user}.", validationFailed: "Please correct the fields marked below (nothing you typed is lost).",
  serverError: "Submitting failed: {message} (nothing you typed is lost)", status: "Status", running: "Running", completed: "Completed", suspended: "Suspended",
  incident: "Incident", all: "All", from: "From", to: "To", openTasks: "Current steps", holder: "Held by", candidates: "Waiting to be claimed ({groups})",
  workingDaysOpen: "{n} working days so far", workingDaysLeft: "{n} working days left", overdueBy: "{n} working days overdue", diagram: "Diagram",
  history: "History", audit: "Operation log", incidents: "Incidents", retry: "Retry", urge: "Urge", suspend: "Suspend", resume: "Resume",
  urgeDone: "Urged: {who}", suspendedDone: "The case is suspended", resumedDone: "The case is resumed", started: "Started",
  completedCount: "Completed", runningCount: "Running", overdueCount: "Overdue", avgDuration: "Average duration", stepDurations: "Average time per step",
  days: "{n} d", hours: "{n} h", byRegion: "By region", publicFlows: "Services you can apply for online", chooseFlow: "Choose a service",
  loginToApply: "Applying online needs an applicant account; please log in.", submitApplication: "Submit application", receiptTitle: "Application received",
  receiptNo: "Receipt no.", queryCode: "Query code", receiptHint: "Keep the receipt number and query code to track your application.",
  myApplications: "My applications", trackTitle: "Track an application", trackHint: "Enter the receipt number and the query code",
  notFoundTrack: "No application found; check the receipt number and query code.", inProgress: "In progress", terminated: "Terminated", result: "Result",
  currentStep: "Current step", steps: "Progress", noticeTitle: "Public notices", noNotices: "No notice is being published now",
  noticePeriod: "Published {from} to {until}", legend: "Legend", caseCount: "{n} cases", noGeometry: "The selected cases have no parcel or point",
  unread: "unread", urgeNotices: "Reminders", markRead: "Dismiss", publishNotice: "Publish a notice", noticeBody: "Notice text", noticeDays: "Days", publish: "Publish",
  published: "Notice published", welcome: "Welcome to the Jintu government service portal",
  welcomeHint: "The public can apply online, track applications and read notices; staff log in to work.", openCase: "Open case", flowCounts: "Tasks per flow",
};

export function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* private mode: the switch lasts for this page only */
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const table = language === "en" ? en : zh;
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}

export function formatDateTime(value: string | Date | null | undefined, language: Language): string {
  if (!value) return "—";
  const date = new Date(value);
  return date.toLocaleString(language === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

export function formatDate(value: string | Date | null | undefined, language: Language): string {
  if (!value) return "—";
  return new Date(value).toLocaleDateString(language === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
}

export function formatDuration(ms: number | null | undefined, t: Translate): string {
  if (ms === null || ms === undefined) return "—";
  const hours = ms / 3_600_000;
  return hours >= 24 ? t("days", { n: (hours / 24).toFixed(1) }) : t("hours", { n: hours.toFixed(1) });
}

/** Form.io's own messages in Chinese (it falls back to English for a language without translations). */
export const FORMIO_ZH = {
  required: "{{field}}为必填项", submit: "提交", error: "请先修正以下错误后再提交。", complete: "提交成功", invalid_regex: "{{field}}格式不正确",
  pattern: "{{field}}格式不正确", alertMessage: "{{message}}", submitError: "请检查表单并修正所有错误。", next: "下一步", previous: "上一步", cancel: "取消",
};
