// Approval idioms (审批惯用操作) as engine commands: 退回 return, 撤回 withdraw, 转办 transfer, 加签/减签
// add/remove signer, 催办 urge, 抄送 CC; timers kept across 挂起 suspension; working-day deadlines.
export { returnTaskCommand } from "./returnTask";
export { getReturnTargets } from "./returnTargets";
export { withdrawTaskCommand } from "./withdrawTask";
export { transferTaskCommand } from "./transferTask";
export { addSignerCommand } from "./addSigner";
export { removeSignerCommand } from "./removeSigner";
export { urgeTaskCommand } from "./urgeTask";
export { ccTaskCommand } from "./ccTask";
export { freezeTimers, thawTimers } from "./timerSuspension";
export { workdaysFunction, calendarWarnings } from "./deadlines";
