/**
 * JSON of cimlang's own requests and of the diagnostics' data: built and read with Jackson, and
 * handed to or taken from LSP4J (which speaks Gson) only in {@link org.cimlang.ide.json.LspJson}.
 */
package org.cimlang.ide.json;
