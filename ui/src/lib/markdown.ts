// Entries render as Markdown (GitHub flavour, as Obsidian and Joplin write it), sanitised:
// no raw HTML survives except plain formatting, and links are only http(s) and mailto.
// Clicking a link asks the shell to open it in the system browser (see Entry view).
import DOMPurify from "dompurify";
import { marked } from "marked";

const SAFE_URL = /^(?:https?:|mailto:)/i;

export function renderMarkdown(text: string): string {
  // Task-list boxes become text, so nothing in a read view is interactive but links.
  const html = marked
    .parse(text, { async: false, gfm: true, breaks: true })
    .replace(/<input (checked="" )?disabled="" type="checkbox">/g, (_, done) => (done ? "☑" : "☐"));
  return DOMPurify.sanitize(html, {
    ALLOWED_URI_REGEXP: SAFE_URL,
    FORBID_TAGS: ["style", "form", "input", "button", "iframe", "img"],
  });
}

/** A link the read view may hand to the system browser. */
export function isOpenable(href: string | null): href is string {
  return !!href && SAFE_URL.test(href);
}
