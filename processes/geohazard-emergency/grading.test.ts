import { describe, expect, it } from "vitest";
import { gradeHazard } from "./grading";

const none = { deaths: 0, directLossYuan: 0, threatenedPeople: 0, potentialLossYuan: 0 };

describe("gradeHazard", () => {
  it("grades disasters by deaths and direct loss at the plan's boundaries", () => {
    expect(gradeHazard({ ...none, deaths: 30 }).disasterGrade).toBe(1);
    expect(gradeHazard({ ...none, deaths: 29 }).disasterGrade).toBe(2);
    expect(gradeHazard({ ...none, deaths: 10 }).disasterGrade).toBe(2);
    expect(gradeHazard({ ...none, deaths: 3 }).disasterGrade).toBe(3);
    expect(gradeHazard({ ...none, deaths: 2 }).disasterGrade).toBe(4);
    expect(gradeHazard({ ...none, directLossYuan: 10_000_000 }).disasterGrade).toBe(1);
    expect(gradeHazard({ ...none, directLossYuan: 999_999 }).disasterGrade).toBe(4);
  });

  it("grades threats by people to relocate and potential loss; the more severe sets the response level", () => {
    expect(gradeHazard({ ...none, threatenedPeople: 1000 }).threatGrade).toBe(1);
    expect(gradeHazard({ ...none, threatenedPeople: 500 }).threatGrade).toBe(2);
    expect(gradeHazard({ ...none, threatenedPeople: 99, potentialLossYuan: 50_000_000 }).threatGrade).toBe(2);
    const g = gradeHazard({ deaths: 4, directLossYuan: 0, threatenedPeople: 600, potentialLossYuan: 0 });
    expect([g.disasterGradeName, g.threatGradeName, g.responseLevelName]).toEqual(["中型", "大型", "Ⅱ级"]);
  });

  it("gives 4 hours to report severe events and 12 to others, counted from the report time", () => {
    const at = new Date("2026-07-01T08:00:00+08:00");
    expect(gradeHazard({ ...none, deaths: 12 }, undefined, at).reportDeadline!.toISOString()).toBe(new Date("2026-07-01T12:00:00+08:00").toISOString());
    expect(gradeHazard({ ...none, threatenedPeople: 50 }, undefined, at).reportHours).toBe(12);
    expect(() => gradeHazard({ ...none, deaths: -1 })).toThrow(/deaths must be a non-negative number/);
  });
});
