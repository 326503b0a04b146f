import { describe, expect, it } from "vitest";
import { isoToday, preview, relativeDate } from "./format";
import { paletteMatches } from "./palette";
import { queryChips, removeChip, snippetParts } from "./snippet";
import { strength } from "./strength";
import { automaticTitle, fallbackTitle, isUntouchedTemplate, TEMPLATES } from "./templates";

describe("snippets and chips", () => {
  it("splits marked words out of a snippet, as text", () => {
    expect(snippetParts("we talked **promotion** and <b>**pay**</b>")).toEqual([
      { text: "we talked ", mark: false },
      { text: "promotion", mark: true },
      { text: " and <b>", mark: false },
      { text: "pay", mark: true },
      { text: "</b>", mark: false },
    ]);
  });

  it("finds the query language's filters and removes one", () => {
    const q = 'promotion person:"Priya Raman" -kind:note after:2025-01';
    const chips = queryChips(q);
    expect(chips.map((c) => [c.field, c.value, c.negated])).toEqual([
      ["person", "Priya Raman", false],
      ["kind", "note", true],
      ["after", "2025-01", false],
    ]);
    expect(removeChip(q, chips[1]!)).toBe('promotion person:"Priya Raman" after:2025-01');
  });
});

describe("formatting", () => {
  const now = new Date(2025, 2, 20);
  it("dates relative to today", () => {
    expect(isoToday(now)).toBe("2025-03-20");
    expect(relativeDate("2025-03-20", now)).toBe("today");
    expect(relativeDate("2025-03-19", now)).toBe("yesterday");
    expect(relativeDate("2025-03-10", now)).toBe("10 days ago");
    expect(relativeDate(null, now)).toBe("never");
  });

  it("previews Markdown without its marks", () => {
    expect(preview("## Growth\n\n- wants to lead\n- asked for a mentor")).toBe(
      "Growth · wants to lead · asked for a mentor",
    );
  });
});

describe("passphrase strength", () => {
  it("grows with length and variety; common words count for little", () => {
    expect(strength("short").score).toBe(0);
    expect(strength("password123").score).toBeLessThanOrEqual(1);
    expect(strength("correct horse battery staple").score).toBeGreaterThanOrEqual(3);
  });
});

describe("templates", () => {
  it("names a templated entry after the conversation, not a heading", () => {
    expect(fallbackTitle("one-on-one", "Priya", TEMPLATES["one-on-one"])).toBe("One-on-one with Priya");
    expect(fallbackTitle("note", "", "Call the recruiter")).toBeNull();
    // Any heading first is a template's: the title follows the kind, as the engine's does.
    expect(fallbackTitle("feedback", "Priya", TEMPLATES["one-on-one"] + "She led it")).toBe("Feedback with Priya");
    expect(automaticTitle("note", "", "# Reorg rumours\nmore")).toBe("Note");
    expect(automaticTitle("note", "", "Reorg rumours\nmore")).toBe("Reorg rumours");
    expect(isUntouchedTemplate(TEMPLATES.reflection)).toBe(true);
    expect(isUntouchedTemplate(`${TEMPLATES.reflection}x`)).toBe(false);
  });
});

describe("palette matching", () => {
  const cmd = (label: string) => ({ label, hint: "x", run: () => {} });
  it("matches word starts first", () => {
    const found = paletteMatches([cmd("New note"), cmd("People"), cmd("Priya Raman")], "pr");
    expect(found.map((c) => c.label)).toEqual(["Priya Raman"]);
    expect(paletteMatches([cmd("New one-on-one"), cmd("New note")], "new one").map((c) => c.label)[0]).toBe(
      "New one-on-one",
    );
  });
});
