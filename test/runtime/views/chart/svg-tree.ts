// A small XML reader for the SVG that vega writes, for tests: it builds an element tree (throwing on a tag
// that is not closed or closed out of order) and finds elements by tag and class.

export interface SvgElement {
  name: string;
  attrs: Record<string, string>;
  children: SvgElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e] ?? m);

export function parseSvg(xml: string): SvgElement {
  const root: SvgElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: SvgElement[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|([^<]+)/g;
  let pos = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    if (m.index !== pos) throw new Error(`unreadable SVG at ${pos}: ${xml.slice(pos, pos + 40)}`);
    pos = tag.lastIndex;
    const top = stack[stack.length - 1] as SvgElement;
    if (m[5] !== undefined) { top.text += decode(m[5]); continue; }
    if (m[2] === undefined) continue; // declaration, comment, doctype
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] as string);
    const el: SvgElement = { name: m[2], attrs, children: [], text: '' };
    top.children.push(el);
    if (m[4] !== '/') stack.push(el);
  }
  if (pos !== xml.length) throw new Error(`unreadable SVG at ${pos}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  const svg = root.children[0];
  if (svg === undefined || svg.name !== 'svg') throw new Error('no <svg> root element');
  return svg;
}

/** Every element under `el` (itself included), depth first. */
export function* descendants(el: SvgElement): Generator<SvgElement> {
  yield el;
  for (const c of el.children) yield* descendants(c);
}

/** Elements whose class list contains every class in `classes`. */
export function byClass(el: SvgElement, ...classes: string[]): SvgElement[] {
  return [...descendants(el)].filter((e) => {
    const list = (e.attrs.class ?? '').split(/\s+/);
    return classes.every((c) => list.includes(c));
  });
}

/** The texts of the <text> elements inside the groups with the given classes (e.g. 'role-axis-title'). */
export function textsIn(el: SvgElement, ...classes: string[]): string[] {
  return byClass(el, ...classes).flatMap((g) => [...descendants(g)].filter((e) => e.name === 'text').map((t) => t.text));
}

/** The direct <path> children of the mark groups with the given classes (one per point, bar or line). */
export function marks(el: SvgElement, ...classes: string[]): SvgElement[] {
  return byClass(el, ...classes).flatMap((g) => g.children.filter((c) => c.name === 'path'));
}
