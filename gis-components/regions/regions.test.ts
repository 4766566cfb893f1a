import { describe, expect, it } from "vitest";
import { allRegions, childrenOf, cityOf, fullName, isWithin, parentOf, path, provinceOf, regionByCode, tierOf } from "./index";

const codes = (regions: { code: string }[]) => regions.map((r) => r.code);

describe("GB/T 2260 regions from regions.json", () => {
  it("has the real chains of domain.md", () => {
    expect(codes(path("330106"))).toEqual(["330000", "330100", "330106"]);
    expect(fullName("330106")).toBe("浙江省 / 杭州市 / 西湖区");
    expect(regionByCode("330110")?.name).toBe("余杭区");
    expect(regionByCode("330113")?.name).toBe("临平区");
    expect(fullName("420106")).toBe("湖北省 / 武汉市 / 武昌区");
    expect(fullName("510107")).toBe("四川省 / 成都市 / 武侯区");
  });

  it("hangs 直辖市 districts directly under the province: 北京 110000 → 东城区 110101", () => {
    expect(parentOf("110101")?.code).toBe("110000");
    expect(codes(path("110101"))).toEqual(["110000", "110101"]);
    expect(cityOf("110101")).toBeUndefined();
    expect(regionByCode("110100")).toBeUndefined(); // the "市辖区" grouping is not a region
    expect(childrenOf("110000").every((r) => r.tier === "county")).toBe(true);
    expect(childrenOf("500000").map((r) => r.name)).toContain("丰都县"); // 重庆's former "县" grouping too
  });

  it("hangs province-administered counties under the province: 仙桃 429004", () => {
    expect(regionByCode("429004")).toEqual({ code: "429004", name: "仙桃市", parent: "420000", tier: "county" });
    expect(provinceOf("429004")?.name).toBe("湖北省");
    expect(cityOf("429004")).toBeUndefined();
    expect(regionByCode("429000")).toBeUndefined();
    expect(isWithin("429004", "420000")).toBe(true);
    expect(isWithin("429004", "420100")).toBe(false);
  });

  it("keeps 东莞 441900 as a city without counties", () => {
    expect(tierOf("441900")).toBe("city");
    expect(childrenOf("441900")).toEqual([]);
    expect(cityOf("441900")?.code).toBe("441900");
    expect(childrenOf("440000").filter((r) => r.code === "441900")).toHaveLength(1);
    expect(childrenOf("620200")).toEqual([]); // 嘉峪关: the statistics file's 620201 repeat is dropped
  });

  it("drops the statistics-only xx7x development-zone codes", () => {
    expect(allRegions().filter((r) => r.tier === "county" && r.code[4] === "7")).toEqual([]);
    expect(regionByCode("130171")).toBeUndefined(); // 石家庄高新技术产业开发区
  });

  it("gives tiers, provinces, cities and ancestry", () => {
    expect(tierOf("000000")).toBe("national");
    expect(tierOf("330000")).toBe("province");
    expect(tierOf("330100")).toBe("city");
    expect(tierOf("330106")).toBe("county");
    expect(tierOf("999999")).toBeUndefined();
    expect(provinceOf("330106")?.code).toBe("330000");
    expect(cityOf("330106")?.code).toBe("330100");
    expect(isWithin("330106", "330100")).toBe(true);
    expect(isWithin("330106", "330106")).toBe(true);
    expect(isWithin("330106", "000000")).toBe(true);
    expect(isWithin("330106", "420000")).toBe(false);
    expect(isWithin("999999", "000000")).toBe(false);
    expect(path("000000").map((r) => r.code)).toEqual(["000000"]);
  });

  it("covers all 31 mainland provinces and every region's parent exists", () => {
    expect(childrenOf("000000")).toHaveLength(31);
    for (const region of allRegions()) {
      if (region.code !== "000000") expect(regionByCode(region.parent!), region.code).toBeDefined();
      if (region.tier === "county") expect(["province", "city"]).toContain(parentOf(region.code)?.tier);
    }
    expect(allRegions().length).toBeGreaterThan(3000);
  });
});
