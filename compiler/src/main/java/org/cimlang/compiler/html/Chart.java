package org.cimlang.compiler.html;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chart of a report: a Vega-Lite specification with its data inline, and the sentence under it.
 *
 * @param id      what the chart is, unique within its section (tests and the browser check find
 *                charts by it)
 * @param title   the heading above the chart
 * @param caption what the chart shows and where its numbers come from
 * @param spec    the Vega-Lite specification
 */
public record Chart(String id, String title, String caption, ObjectNode spec) {
}
