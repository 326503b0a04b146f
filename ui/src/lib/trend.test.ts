import { describe, expect, it } from "vitest";
import { addMonths, bars, fillMonths, lastMonth } from "./trend";

describe("trend", () => {
  it("steps months across years", () => {
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2024-12", 1)).toBe("2025-01");
    expect(addMonths("2025-03", -14)).toBe("2024-01");
  });

  it("fills the months the engine leaves out, ending at the given month", () => {
    const s = fillMonths(
      [
        { month: "2024-11", count: 2 },
        { month: "2025-02", count: 5 },
      ],
      "2025-02",
      4,
    );
    expect(s).toEqual([
      { month: "2024-11", count: 2 },
      { month: "2024-12", count: 0 },
      { month: "2025-01", count: 0 },
      { month: "2025-02", count: 5 },
    ]);
    expect(lastMonth([[{ month: "2024-11", count: 1 }], [{ month: "2025-02", count: 1 }], []])).toBe("2025-02");
    expect(lastMonth([])).toBeNull();
  });

  it("scales bars to the tallest month and keeps them inside the box", () => {
    const b = bars(
      [
        { month: "a", count: 0 },
        { month: "b", count: 2 },
        { month: "c", count: 4 },
      ],
      32,
      20,
      1,
    );
    expect(b.map((x) => x.height)).toEqual([1, 10, 20]);
    expect(b[2]?.y).toBe(0);
    const last = b[2]!;
    expect(last.x + last.width).toBeCloseTo(32);
    expect(bars([], 10, 10)).toEqual([]);
  });
});
