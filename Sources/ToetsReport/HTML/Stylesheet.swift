/// The one stylesheet of every document: readable on screen, and paged for print by weasyprint
/// (A4, running header, "page N of M" in the document's language).
///
/// Only system fonts are named, so nothing is fetched; DejaVu comes with Debian's weasyprint.
enum Stylesheet {
    static func css(language: Language, draft: Bool) -> String {
        let page = DocumentWords.page(language), of = DocumentWords.pageOf(language)
        let draftRule = draft ? "  @top-right { content: \"\(DocumentWords.draft(language))\"; font-weight: bold; }\n" : ""
        return """

        @page {
          size: A4;
          margin: 22mm 18mm 20mm 18mm;
          font-family: "DejaVu Sans", Verdana, sans-serif;
          @top-left { content: string(running-label); font-size: 8pt; color: #4D4D4D; }
        \(draftRule)  @bottom-right { content: "\(page) " counter(page) " \(of) " counter(pages); font-size: 8pt; color: #4D4D4D; }
        }
        :root { color: #000; background: #fff; }
        body { font-family: "DejaVu Sans", Verdana, "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.45;
          max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
        .running-label { string-set: running-label content(text); font-size: 8pt; color: #4D4D4D; margin: 0; }
        h1 { font-size: 18pt; line-height: 1.2; margin: 0.3em 0 0.2em; }
        h2 { font-size: 14pt; margin: 1.4em 0 0.4em; break-after: avoid; }
        h3 { font-size: 12pt; margin: 1.2em 0 0.3em; break-after: avoid; }
        h4 { font-size: 10.5pt; margin: 1em 0 0.3em; break-after: avoid; }
        .subtitle { color: #333; margin-top: 0; }
        .draft-mark { display: inline-block; border: 2px solid #000; padding: 0 0.4em; font-weight: bold; letter-spacing: 0.1em; }
        p, li { orphans: 3; widows: 3; }
        section.page-break { break-before: page; }
        nav.contents ol { columns: 2; list-style: none; padding-left: 0; }
        a { color: #00457a; }
        table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 9pt; width: 100%; }
        caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.3em; break-after: avoid; }
        th, td { border-bottom: 1px solid #BDBDBD; padding: 0.2em 0.45em; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #4D4D4D; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.code, th.code, code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
        pre { white-space: pre-wrap; background: #F2F2F2; padding: 0.5em; }
        table.compact { font-size: 8pt; }
        dl { margin: 0.4em 0 0.8em; }
        dt, dd { display: inline-block; vertical-align: top; margin: 0 0 0.25em; }
        dt { width: 31%; font-weight: bold; hyphens: auto; overflow-wrap: break-word; }
        dd { width: 66%; }
        dd ul { margin: 0; padding-left: 1.1em; }
        address { font-style: normal; margin: 1em 0; }
        figure.chart { margin: 1em 0; break-inside: avoid; }
        figure.chart svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 9pt; color: #333; margin-top: 0.3em; }
        details.chart-data summary { font-size: 9pt; cursor: pointer; }
        article.method-card { border: 1px solid #BDBDBD; padding: 0.2em 0.8em 0.6em; margin: 1em 0; break-inside: avoid; }
        .frequencies li { margin-bottom: 0.3em; }
        .placeholder { background: #FFF3B0; border: 1px dashed #000; padding: 0 0.15em; font-weight: bold; }
        .note { font-size: 9pt; color: #333; }
        .banner { border: 2px solid #000; background: #FFE8CC; padding: 0.4em 0.6em; font-weight: bold; break-inside: avoid; }
        .open { font-style: italic; }
        .signature, #vervolg > p:last-child { break-after: avoid; }
        #bijlagen { break-before: avoid; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; }
          a { color: #000; text-decoration: none; }
          details.chart-data { display: block; }
          td.num, th.num { white-space: normal; }
          td.num .interval { white-space: nowrap; }
          th, td { padding: 0.2em 0.25em; }
          nav.contents { break-after: page; }
        }

        """
    }
}
