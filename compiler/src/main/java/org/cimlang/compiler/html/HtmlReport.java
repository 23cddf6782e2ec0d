package org.cimlang.compiler.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One self-contained HTML page (opens offline: the chart library is inside it) with the sections of a
 * report. Charts are Vega-Lite specifications rendered by vega-embed; each sits in an element
 * {@code <figure class="chart" data-chart="ID">}, and the page sets {@code document.body.dataset.charts} to
 * the number drawn (or {@code error}) once vega-embed has finished, which the browser test waits for.
 */
public final class HtmlReport {
    private static final List<String> SCRIPTS = List.of("vega.min.js", "vega-lite.min.js", "vega-embed.min.js");

    private HtmlReport() {
    }

    public static String render(String title, List<ReportSection> sections) {
        StringBuilder b = new StringBuilder(1 << 20);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n");
        for (String script : SCRIPTS) {
            b.append("<script>").append(resource(script)).append("</script>\n");
        }
        b.append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        StringBuilder specs = new StringBuilder("[");
        int n = 0;
        for (ReportSection s : sections) {
            b.append("<section>\n<h2>").append(escape(s.heading())).append("</h2>\n");
            if (!s.facts().isEmpty()) {
                b.append("<ul class=\"facts\">\n");
                for (String f : s.facts()) {
                    b.append("<li>").append(escape(f)).append("</li>\n");
                }
                b.append("</ul>\n");
            }
            b.append("<div class=\"grid\">\n");
            for (Chart c : s.charts()) {
                String id = "chart-" + n;
                b.append("<figure class=\"chart").append(c.id().equals("floorplan") ? " wide" : "")
                        .append("\" data-chart=\"").append(escape(c.id())).append("\">\n<figcaption><b>")
                        .append(escape(c.title())).append("</b> ").append(escape(c.caption()))
                        .append("</figcaption>\n<div class=\"plot\" id=\"").append(id).append("\"></div>\n</figure>\n");
                specs.append(n == 0 ? "" : ",").append("[\"").append(id).append("\",").append(c.spec().toString())
                        .append(']');
                n++;
            }
            b.append("</div>\n</section>\n");
        }
        specs.append(']');
        // "</" inside the JSON would end the script element early
        b.append("<script>\nconst specs = ").append(specs.toString().replace("</", "<\\/")).append(";\n")
                .append(DRAW).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the chart library " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
            h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
            .facts { color: #444; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 1rem; }
            .chart { margin: 0; padding: .5rem; border: 1px solid #eee; border-radius: 4px; min-width: 0; }
            .chart.wide { grid-column: 1 / -1; }
            .chart.wide .plot { overflow-x: auto; }
            .plot { width: 100%; }
            figcaption { font-size: .85rem; color: #555; margin-bottom: .4rem; }
            """;

    private static final String DRAW = """
            Promise.all(specs.map(([id, spec]) => vegaEmbed('#' + id, spec, {renderer: 'svg', actions: false})))
              .then(views => { document.body.dataset.charts = String(views.length); })
              .catch(err => { document.body.dataset.charts = 'error'; console.error(err); });
            """;
}
