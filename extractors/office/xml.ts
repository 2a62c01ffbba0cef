// XML of untrusted files (OOXML parts, edXML envelopes) parsed without any entity processing:
// a document with a DOCTYPE or an ENTITY declaration is refused outright (OOXML and edXML
// never need one; this rules out XXE and "billion laughs" whatever the parser does), and
// fast-xml-parser runs with processEntities off. The five predefined entities and numeric
// character references are decoded afterwards, by hand, which can only shorten the text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TonghopError } from '../../model/errors.js';

/** One node as fast-xml-parser gives it with preserveOrder: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e] ?? whole;
    const cp = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** Parses XML text; `file` names the part in messages. Throws xml.entities or xml.invalid. */
export function parseXml(text: string, file: string): XmlNode[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new TonghopError('xml.entities', { file });
  // The parser is lenient (an unclosed tag is closed for it); a broken part is refused instead.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new TonghopError('xml.invalid', { file, detail: `${valid.err.msg} (dòng ${valid.err.line})`.slice(0, 200) });
  try {
    return parser.parse(text) as XmlNode[];
  } catch (err) {
    throw new TonghopError('xml.invalid', { file, detail: ((err as Error)?.message ?? String(err)).slice(0, 200) });
  }
}

/** The tag name of a node (its one key besides ':@'), or null for text. */
export const tagOf = (n: XmlNode): string | null => Object.keys(n).find((k) => k !== ':@' && k !== '#text') ?? null;
export const childrenOf = (n: XmlNode): XmlNode[] => {
  const t = tagOf(n);
  return t ? ((n[t] as XmlNode[]) ?? []) : [];
};
export const attr = (n: XmlNode, name: string): string | undefined => {
  const a = n[':@'] as Record<string, string> | undefined;
  return a?.[name];
};
/** Direct children with this tag. */
export const kids = (n: XmlNode, tag: string): XmlNode[] => childrenOf(n).filter((c) => tagOf(c) === tag);
export const kid = (n: XmlNode, tag: string): XmlNode | undefined => childrenOf(n).find((c) => tagOf(c) === tag);
/** The first node with this tag, depth first, in a list of nodes. */
export function find(nodes: XmlNode[], tag: string): XmlNode | undefined {
  for (const n of nodes) {
    if (tagOf(n) === tag) return n;
    const inner = find(childrenOf(n), tag);
    if (inner) return inner;
  }
  return undefined;
}
/** The text of a node and its descendants, entities decoded. */
export function textOf(n: XmlNode): string {
  if ('#text' in n) return decodeEntities(String(n['#text']));
  return childrenOf(n).map(textOf).join('');
}
