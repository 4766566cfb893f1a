import { expect, test } from "vitest";
import { regionExpressionFunctions as f } from "./regionFunctions";

test("cityOf / provinceOf follow the real GB/T 2260 chains", () => {
  expect(f.cityOf("330106")).toBe("330100"); // 西湖区 → 杭州市
  expect(f.provinceOf("330106")).toBe("330000");
  expect(f.cityOf("420106")).toBe("420100"); // 武昌区 → 武汉市
  expect(f.cityOf("429004")).toBe("420000"); // 仙桃: province-administered, the province acts as city tier
  expect(f.cityOf("441900")).toBe("441900"); // 东莞: a city without counties
  expect(f.regionName("330106")).toBe("西湖区");
  expect(() => f.cityOf("33010")).toThrow(/GB\/T 2260/);
  expect(() => f.regionName("abc")).toThrow(/GB\/T 2260/);
});
