import sanitizeHtml from 'sanitize-html';

/** Heading ids get a prefix so that an id can never shadow a DOM global such as `location`. */
export const HEADING_ID_PREFIX = 'h-';

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];
const HLJS_CLASS = /^(hljs(-[a-z_-]+)?|[a-z]+_|language-[a-z0-9+#-]+)$/;

// Attributes allowed with one value only: an author cannot make other elements focusable, or hide them.
const FIXED: Record<string, Record<string, string>> = {
  pre: { tabindex: '0', role: 'region' },
  span: { 'aria-hidden': 'true' },
};

// The allow-list for post bodies. Everything not named here is dropped: scripts, event handlers, iframes, objects,
// forms, SVG and MathML (whose parsing quirks enable mutation XSS), style attributes (also forbidden by our CSP),
// and ids and names other than our own heading ids (DOM clobbering).
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...HEADINGS,
    'p',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'span',
    'em',
    'strong',
    'del',
    's',
    'b',
    'i',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    'figure',
    'figcaption',
    'hr',
    'br',
    'details',
    'summary',
    'kbd',
    'sup',
    'sub',
    'dl',
    'dt',
    'dd',
    'abbr',
    'mark',
    'small',
    'var',
    'samp',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    // A code block's scroll container, reachable by keyboard and named (FIXED pins the values), and a
    // listing's line numbers, kept out of the accessibility tree.
    pre: ['tabindex', 'role', 'aria-label'],
    span: ['aria-hidden'],
    abbr: ['title'],
    details: ['open'],
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
  },
  allowedClasses: {
    a: ['anchor'],
    figure: ['code', 'diagram'],
    th: ['align-left', 'align-center', 'align-right'],
    td: ['align-left', 'align-center', 'align-right'],
    code: [HLJS_CLASS],
    span: [HLJS_CLASS, 'lang', 'gutter'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images are files beside the post (checked and copied by the build); a remote one would be blocked by the CSP.
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // sanitize-html keeps an attribute whose value is not allowed as an empty one; drop it instead.
    ...Object.fromEntries(
      Object.entries(FIXED).map(([tag, fixed]) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => ({
          tagName,
          attribs: Object.fromEntries(
            Object.entries(attribs).filter(([name, value]) => !(name in fixed) || fixed[name] === value),
          ),
        }),
      ]),
    ),
    // GFM table alignment arrives as a style attribute; keep its meaning as a class instead.
    ...Object.fromEntries(
      ['th', 'td'].map((tag) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const align = /text-align:\s*(left|center|right)/.exec(attribs.style ?? '')?.[1];
          const { style: _style, ...rest } = attribs;
          return { tagName, attribs: align ? { ...rest, class: `align-${align}` } : rest };
        },
      ]),
    ),
    // Only our own heading ids survive.
    ...Object.fromEntries(
      HEADINGS.map((tag) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const { id, ...rest } = attribs;
          const ours = id !== undefined && id.startsWith(HEADING_ID_PREFIX) && /^[a-z0-9-]+$/.test(id);
          return { tagName, attribs: ours ? { ...rest, id } : rest };
        },
      ]),
    ),
  },
};

/** Sanitize the HTML of a post body against the allow-list: what is left cannot run script or clobber the DOM. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
