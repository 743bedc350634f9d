/** Turns JMH's JSON results into Markdown tables of times, ratios to DL4J's gradient, and allocation. */
package dev.deeplift.bench.report;
