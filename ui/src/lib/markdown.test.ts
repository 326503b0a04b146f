// @vitest-environment jsdom
import { describe, expect, it } from "vitest";

describe("markdown and diffs (jsdom: the sanitiser needs a DOM)", () => {
  it("renders Markdown without scripts, handlers or unsafe links", async () => {
    const { renderMarkdown } = await import("./markdown");
    const html = renderMarkdown(
      "# Plan\n**bold** [ok](https://example.org) [bad](javascript:alert(1))\n<script>x()</script><b onclick=\"x()\">b</b>\n- [ ] call Ana",
    );
    expect(html).toContain("<h1>Plan</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toMatch(/javascript:|<script|onclick/);
    expect(html).toContain("☐");
  });

  it("diffs versions line by line", async () => {
    const { lineDiff } = await import("./diff");
    expect(lineDiff("a\nb\nc\n", "a\nB\nc\n")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "B" },
      { kind: "same", text: "c" },
    ]);
  });
});
