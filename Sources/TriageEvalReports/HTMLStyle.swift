/// The report's style sheet and Content-Security-Policy: no script, no external resource of any kind.
enum HTMLStyle {
    /// Allows only the inline style sheet and inline SVG; forbids scripts, frames, fetches, forms and images from
    /// anywhere. Escaping keeps data inert; this is the second wall.
    static let contentSecurityPolicy: StaticString =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let sheet: StaticString = """
        :root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--bad:#b42318;--good:#1a7f37;--warn:#9a6700;--accent:#0b5cad}
        *{box-sizing:border-box}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px;max-width:1400px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;padding-top:12px;border-top:2px solid var(--line)}
        h3{font-size:15px;margin:20px 0 6px}p{margin:6px 0}.muted{color:var(--muted)}
        nav{margin:8px 0 16px}nav a{margin-right:12px;color:var(--accent)}
        table{border-collapse:collapse;margin:6px 0 12px;font-variant-numeric:tabular-nums;display:block;max-width:100%;overflow-x:auto}
        th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
        th{background:var(--soft);font-weight:600}
        table.num td:nth-child(n+3),table.num th:nth-child(n+3){text-align:right}
        table.num td{white-space:nowrap}.ci{font-size:11px;color:var(--muted)}
        table.cm td,table.cm th{text-align:center;min-width:64px}
        .bad{color:var(--bad);font-weight:600}.good{color:var(--good);font-weight:600}.warn{color:var(--warn)}
        tr.fail td{background:#fff1f0}tr.pass td{background:#f0fff4}
        .charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:var(--bg)}
        figcaption{font-size:12px;color:var(--muted);max-width:380px}
        svg text{font:11px system-ui,sans-serif;fill:var(--fg)}
        details{margin:4px 0}details>summary{cursor:pointer;padding:2px 0}
        details.group{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:8px 0;background:var(--soft)}
        details.group>summary{font-weight:600}
        details.case{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:4px 8px;margin:6px 0}
        details.case>summary{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
        pre{white-space:pre-wrap;word-break:break-word;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:8px;margin:4px 0;max-height:360px;overflow:auto;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{font-weight:600;color:var(--muted)}dd{margin:0;min-width:0}
        code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:0 3px;border-radius:3px}
        .note{border-left:3px solid var(--accent);padding:4px 10px;background:var(--soft);margin:8px 0}
        """
}
