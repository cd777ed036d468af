/**
 * The HTML report of a curation, {@code OUT/report/index.html}: what researchers judge a curation
 * by (the entry-count curve before and after balancing, the size-versus-{@code t} curve and {@code
 * p(t)}, the head entries, samples of kept pairs) and pass 1's accounting. {@link
 * org.metaclipspark.curation.report.ReportJob} reads only the outputs of the passes, so the page
 * can be rewritten at any time; {@link org.metaclipspark.curation.report.ReportCharts} draws the
 * charts as PNG files with XChart (headless); {@link org.metaclipspark.curation.report.ReportPage}
 * writes one self-contained HTML page, every value escaped, that opens from disk with no network.
 */
package org.metaclipspark.curation.report;
