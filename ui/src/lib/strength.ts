// A rough passphrase strength estimate for the meter: entropy from length and the
// kinds of characters used, with a penalty for repeats and common patterns. It guides;
// the engine's only hard rule is the minimum length.
export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; bits: number };

const LABELS = ["Too short", "Weak", "Fair", "Strong", "Very strong"];
const COMMON = /^(password|passphrase|candor|qwerty|letmein|123456|abc123|iloveyou)/i;

export function strength(p: string, minChars = 8): Strength {
  if (p.length < minChars) return { score: 0, label: LABELS[0]!, bits: 0 };
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(p)) pool += 33;
  const unique = new Set(p).size;
  // Repeated characters add little: count length by distinct-ish characters.
  const effective = Math.min(p.length, unique * 2);
  let bits = effective * Math.log2(Math.max(pool, 2));
  if (COMMON.test(p)) bits /= 3;
  const score = bits < 35 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  return { score, label: LABELS[score]!, bits: Math.round(bits) };
}
