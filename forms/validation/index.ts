// Node-safe validation of Jintu's custom form fields (also used by the browser components).
export { validateSubmission, type SubmissionValidation, type ValidateSubmissionOptions } from "./validateSubmission";
export {
  checkParcelMapValue,
  isEmptyParcel,
  OVERLAP_NOISE_SQUARE_METRES,
  type LayerOverlap,
  type ParcelFigures,
  type ParcelCheckContext,
  type ParcelCheckResult,
} from "./parcelMap";
export { checkPointPickerValue, isEmptyPoint } from "./pointPicker";
export { checkRegionSelectValue } from "./regionSelect";
export { walkComponents, type ComponentVisit, type FormComponentJson } from "./walkComponents";
export { checkStandardFields, isEmptyValue } from "./standardFields";
