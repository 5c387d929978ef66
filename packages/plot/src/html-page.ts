/**
 * Escapes text for HTML element content and attribute values (`& < > " '`).
 * @example
 * escapeHtml('a < b'); // 'a &lt; b'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** One section of an {@link htmlPage}. */
export interface PageSection {
  /** Section heading, plain text (escaped). */
  heading: string;
  /** Section body as trusted HTML, inserted as is (e.g. an SVG from renderSvg; escape your text with escapeHtml). */
  html: string;
}

/** Options of {@link htmlPage}. */
export interface HtmlPageOptions {
  /** Page title and top heading, plain text (escaped). */
  title: string;
  sections: readonly PageSection[];
}

const style = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:980px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd;padding-bottom:.25rem}
svg{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f6f6f6}pre{padding:.5rem;overflow:auto}
`.trim();

/**
 * One self-contained HTML document (inline CSS, no scripts, no external URLs) with a title
 * and one `<section>` per entry; headings are escaped, section bodies are trusted HTML.
 * @example
 * const html = htmlPage({ title: 'Diagnosis', sections: [{ heading: 'Loss', html: await renderSvg(spec) }] });
 */
export function htmlPage(options: HtmlPageOptions): string {
  const title = escapeHtml(options.title);
  const sections = options.sections
    .map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.html}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${style}</style>
</head>
<body>
<h1>${title}</h1>
${sections}
</body>
</html>
`;
}
