namespace Fulcrum.Reports.Html;

/// <summary>The report's stylesheet, inlined into every report. System fonts only, so nothing is fetched.</summary>
internal static class HtmlStyles
{
    public const string Css = """
        :root {
          --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --band: #f6f8fa;
          --accent: #0b5cad; --mark: #fff6d6; --mark-edge: #d4a106;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0 auto; max-width: 1120px; padding: 32px 40px 48px;
          font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif;
          color: var(--text); background: #fff;
        }
        header { border-bottom: 2px solid var(--text); padding-bottom: 12px; margin-bottom: 20px; }
        h1 { font-size: 28px; line-height: 1.25; margin: 0 0 6px; }
        .subtitle { color: var(--muted); font-size: 16px; margin: 0; }
        h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 17px; margin: 26px 0 10px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .anchor { visibility: hidden; color: var(--muted); font-weight: normal; margin-left: 4px; }
        h2:hover .anchor, h3:hover .anchor { visibility: visible; }
        p, ul { max-width: 820px; }
        li { margin: 3px 0; }
        nav#contents { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 20px; }
        nav#contents h2 { font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border: 0; margin: 4px 0; padding: 0; }
        nav#contents ol { margin: 4px 0; padding-left: 22px; }
        nav#contents ol ol { padding-left: 18px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 10px 0 18px; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 6px; }
        th, td { padding: 5px 12px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        thead th { background: var(--band); border-bottom: 2px solid var(--rule); font-weight: 600; white-space: nowrap; }
        .num { text-align: right; white-space: nowrap; }
        .missing { color: var(--muted); }
        table.kv th { font-weight: 600; color: var(--muted); padding-left: 0; min-width: 180px; }
        table.data tbody tr:nth-child(even) { background: #fbfcfd; }
        table.data tbody tr.marked { background: var(--mark); }
        table.data tbody tr.marked td:first-child { box-shadow: inset 3px 0 0 var(--mark-edge); }
        .table-wrap { overflow-x: auto; }
        .badge {
          display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 10px;
          background: var(--mark-edge); color: #fff; font-size: 11px; font-weight: 600; line-height: 18px; white-space: nowrap;
        }
        figure { margin: 16px 0 24px; }
        figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
        figcaption { color: var(--muted); font-size: 14px; margin-top: 6px; max-width: 820px; }
        .figure-number { font-weight: 600; color: var(--text); }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 13px; }
        @media print {
          body { max-width: none; padding: 0; }
          nav#contents { display: none; }
          figure, tr { break-inside: avoid; }
        }

        """;
}
