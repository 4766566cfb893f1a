// Form.io's date/time component fetches moment-timezone's zone data from cdn.form.io the first time it
// formats a date (utils.loadZones) unless `moment.zonesLoaded` is already set on the moment-timezone
// instance it imports. The data ships with the npm package: load it into that instance here.
import moment from "moment-timezone/moment-timezone";
import zones from "moment-timezone/data/packed/latest.json";

const formioMoment = moment as typeof moment & { zonesLoaded?: boolean };
if (!formioMoment.zonesLoaded) {
  formioMoment.tz.load(zones as never);
  formioMoment.zonesLoaded = true;
}
